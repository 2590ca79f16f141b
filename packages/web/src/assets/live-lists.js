// The lists' event stream (GET /v1/ranking/stream): one `list` event per list at connection,
// then one each time a list changes. EventSource reconnects by itself after a drop.

/**
 * @typedef {{ key: string, kind: BoxKind, window?: string, category: string | null, etag: string, generatedAt: string, list?: ListBody }} ListEvent
 */

/**
 * @param {string} streamUrl
 * @param {(event: ListEvent) => void} onList
 * @returns {EventSource | null}
 */
function followLists(streamUrl, onList) {
  if (typeof EventSource !== 'function') return null;
  const source = new EventSource(streamUrl);
  source.addEventListener('list', (message) => {
    /** @type {ListEvent} */
    let event;
    try {
      event = JSON.parse(/** @type {MessageEvent<string>} */ (message).data);
    } catch {
      return;
    }
    onList(event);
  });
  return source;
}

/**
 * A list as JSON, for a tab whose list the stream has not delivered (yet).
 * @param {string} url
 * @returns {Promise<ListBody | null>}
 */
async function fetchList(url) {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return response.ok ? /** @type {ListBody} */ (await response.json()) : null;
  } catch {
    return null;
  }
}
