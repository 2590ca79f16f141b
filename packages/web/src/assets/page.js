// The reader page's progressive enhancement: live boxes with tabs, the reader's local time,
// and the article page's one view per page load with its reader's engaged time.

const articleLink = (/** @type {ListArticle} */ article) => `/articles/${encodeURIComponent(article.id)}`;

/** @param {HTMLElement} box */
function liveBox(box) {
  const panel = /** @type {HTMLElement | null} */ (box.querySelector('.nr-panel'));
  const kind = box.dataset.box === 'popular' ? 'popular' : 'ranking';
  const limit = Number(box.dataset.limit) || 10;
  if (!panel) return;
  /** @type {Map<string, ListBody>} */
  const latest = new Map();
  const showLatest = () => {
    const list = latest.get(panel.dataset.listKey ?? '');
    if (list) renderPanel(panel, kind, list.items, limit, articleLink);
    return list !== undefined;
  };

  enhanceTabs(box, panel, (tab) => {
    const key = tab.dataset.listKey ?? '';
    panel.dataset.listKey = key;
    if (tab.dataset.empty) panel.dataset.empty = tab.dataset.empty;
    if (showLatest()) return;
    void fetchList(tab.dataset.listUrl ?? '').then((list) => {
      // The stream may have delivered a newer version meanwhile; keep that one.
      if (list && !latest.has(key)) latest.set(key, list);
      if (panel.dataset.listKey === key) showLatest();
    });
  });

  if (box.dataset.stream) {
    followLists(box.dataset.stream, (event) => {
      if (!event.list) return;
      latest.set(event.key, event.list);
      if (event.key === panel.dataset.listKey) showLatest();
    });
  }
}

/**
 * Second label beside the source's time: the same moment in the reader's own zone, only when
 * their clock reads it differently (a reader in Tokyo needs no second "18:42").
 */
function showReaderTimes() {
  const format = new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZoneName: 'short',
  });
  /** @param {Date} instant @param {string | undefined} timeZone */
  const wallClock = (instant, timeZone) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(instant);
  for (const label of document.querySelectorAll('[data-reader-time]')) {
    const instant = new Date(label.getAttribute('data-reader-time') ?? '');
    if (Number.isNaN(instant.getTime())) continue;
    try {
      if (wallClock(instant, label.getAttribute('data-source-zone') ?? 'UTC') === wallClock(instant, undefined)) continue;
    } catch {
      // A zone this browser does not know: show the reader's time, which is never wrong.
    }
    label.textContent = `Your time: ${format.format(instant)}`;
    label.removeAttribute('hidden');
  }
}

function countArticleView() {
  const article = /** @type {HTMLElement | null} */ (document.querySelector('[data-count-view]'));
  const articleId = article?.dataset.articleId;
  if (articleId) countReader('/v1/events', { articleId });
}

for (const box of document.querySelectorAll('section[data-box]')) liveBox(/** @type {HTMLElement} */ (box));
showReaderTimes();
countArticleView();
enhanceOpmlForm();
