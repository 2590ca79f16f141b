// Counts one view, and the reader's engaged time, through the public events endpoint. The view's
// eventId is made once per page load: a retry of the same request is not counted twice, a reload
// is a new view. A browser that sends Global Privacy Control gets the bare view only: no
// referrer, no page address, no visitor id, no engaged time.

/**
 * @typedef {{ articleId: string } | { url: string }} ViewTarget
 * @typedef {{ visitorId?: string }} BeaconOptions
 */

/** crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
function newEventId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const EVENT_RETRY_DELAYS_MS = [1000, 3000, 10000];
// The longest strings the endpoint takes; a longer one would cost the whole event.
const MAX_REFERRER = 2048;
const MAX_PAGE_URL = 4096;
const MAX_VISITOR_ID = 256;
/** Engaged time: reported every 15 s, counted while the reader did something in the last 5 s. */
const ENGAGED_REPORT_MS = 15000;
const ACTIVE_FOR_MS = 5000;
const ENGAGED_TICK_MS = 1000;
const MAX_ENGAGED_SECONDS = 3600;
const ACTIVITY_EVENTS = ['scroll', 'keydown', 'pointerdown', 'pointermove', 'touchstart'];

/**
 * An address cut to fit: without its fragment and every query parameter but the campaign ones,
 * then the origin alone. Cutting characters off would send an address that never existed.
 * @param {string} href
 * @param {number} max
 * @returns {string | null}
 */
function boundedUrl(href, max) {
  if (href.length <= max) return href;
  try {
    const url = new URL(href);
    const kept = new URLSearchParams();
    for (const name of ['utm_source', 'utm_medium', 'utm_campaign']) {
      const value = url.searchParams.get(name);
      if (value !== null) kept.set(name, value);
    }
    const query = kept.toString();
    const short = `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
    if (short.length <= max) return short;
    return url.origin.length <= max ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Posts one event, and again under the same eventId after a failure that may pass.
 * @param {string} eventsUrl
 * @param {Record<string, unknown>} event
 */
function postEvent(eventsUrl, event) {
  // text/plain keeps a cross-origin post free of a preflight; the endpoint reads JSON whatever the type.
  const body = JSON.stringify({ events: [event] });
  /** @param {number} number */
  const attempt = async (number) => {
    try {
      // keepalive lets the event arrive even when the reader leaves at once.
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
    const delay = EVENT_RETRY_DELAYS_MS[failed];
    if (delay !== undefined) setTimeout(() => void attempt(failed + 1), delay);
  };
  void attempt(0);
}

/**
 * Calls `report(seconds)` every 15 s with the whole seconds the page was visible and its reader
 * active since the last report, and with what is left when the page is hidden or left.
 * @param {(seconds: number) => void} report
 */
function followEngagement(report) {
  let lastActivity = -Infinity;
  let lastTick = Date.now();
  let pendingMs = 0;
  const markActive = () => {
    lastActivity = Date.now();
  };
  for (const type of ACTIVITY_EVENTS) addEventListener(type, markActive, { passive: true, capture: true });

  const count = () => {
    const now = Date.now();
    // Only the part of the interval the reader was active in; a throttled or frozen timer
    // (a sleeping laptop) must not turn into hours of reading.
    const from = Math.max(lastTick, now - ENGAGED_TICK_MS * 2);
    const until = Math.min(now, lastActivity + ACTIVE_FOR_MS);
    if (document.visibilityState === 'visible' && until > from) pendingMs += until - from;
    lastTick = now;
  };
  /** @param {boolean} leaving */
  const flush = (leaving) => {
    count();
    // Whole seconds go now and the rest waits for the next report; when the page goes, half a
    // second or more is a second.
    const seconds = Math.min(MAX_ENGAGED_SECONDS, leaving ? Math.round(pendingMs / 1000) : Math.floor(pendingMs / 1000));
    if (seconds < 1) return;
    pendingMs = leaving ? 0 : Math.max(0, pendingMs - seconds * 1000);
    report(seconds);
  };

  setInterval(count, ENGAGED_TICK_MS);
  setInterval(() => flush(false), ENGAGED_REPORT_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush(true);
    // Time spent hidden is not counted when the page shows again.
    else lastTick = Date.now();
  });
  addEventListener('pagehide', () => flush(true));
}

/**
 * The page's view, then its engaged time, for one article.
 * @param {string} eventsUrl
 * @param {ViewTarget} target
 * @param {BeaconOptions} [options]
 */
function countReader(eventsUrl, target, options = {}) {
  const stamp = () => ({ eventId: newEventId(), occurredAt: new Date().toISOString() });
  /** @type {Record<string, unknown>} */
  const view = { ...target, type: 'view', ...stamp() };
  // Navigator types do not know the Global Privacy Control signal yet.
  if (/** @type {{ globalPrivacyControl?: boolean }} */ (navigator).globalPrivacyControl === true) {
    postEvent(eventsUrl, view);
    return;
  }
  const visitorId = options.visitorId && options.visitorId.length <= MAX_VISITOR_ID ? options.visitorId : undefined;
  const visitor = visitorId ? { visitorId } : {};
  const referrer = document.referrer ? boundedUrl(document.referrer, MAX_REFERRER) : null;
  const pageUrl = boundedUrl(location.href, MAX_PAGE_URL);
  postEvent(eventsUrl, {
    ...view,
    ...(referrer ? { referrer } : {}),
    ...(pageUrl ? { pageUrl } : {}),
    ...visitor,
  });
  followEngagement((seconds) => postEvent(eventsUrl, { ...target, type: 'engaged', seconds, ...stamp(), ...visitor }));
}
