// Counts one view through the public events endpoint. The eventId is made once per page load:
// a retry of the same request is not counted twice, a reload is a new view.

/** crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
function newEventId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const VIEW_RETRY_DELAYS_MS = [1000, 3000, 10000];

/**
 * @param {string} eventsUrl
 * @param {{ articleId: string } | { url: string }} target
 */
function sendView(eventsUrl, target) {
  const event = { ...target, type: 'view', eventId: newEventId(), occurredAt: new Date().toISOString() };
  // text/plain keeps a cross-origin post free of a preflight; the endpoint reads JSON whatever the type.
  const body = JSON.stringify({ events: [event] });
  /** @param {number} number */
  const attempt = async (number) => {
    try {
      // keepalive lets the view arrive even when the reader leaves at once.
      const response = await fetch(eventsUrl, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        credentials: 'omit',
        keepalive: true,
      });
      // Read to the end, so the connection is free for the next request.
      await response.arrayBuffer();
      // 429 and 5xx are worth another try under the same eventId; 4xx would fail again.
      if (response.status >= 429 || response.status === 408) retry(number);
    } catch {
      retry(number);
    }
  };
  /** @param {number} failed */
  const retry = (failed) => {
    const delay = VIEW_RETRY_DELAYS_MS[failed];
    if (delay !== undefined) setTimeout(() => void attempt(failed + 1), delay);
  };
  void attempt(0);
}
