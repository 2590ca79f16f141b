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
  /** @param {number} attempt */
  const attempt = (attempt) => {
    fetch(eventsUrl, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8' }, keepalive: true, credentials: 'omit' })
      .then((response) => {
        if (response.status !== 202 && response.status >= 429) retry(attempt);
      })
      .catch(() => retry(attempt));
  };
  /** @param {number} failed */
  const retry = (failed) => {
    const delay = VIEW_RETRY_DELAYS_MS[failed];
    if (delay !== undefined) setTimeout(() => attempt(failed + 1), delay);
  };
  attempt(0);
}
