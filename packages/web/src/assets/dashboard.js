// The dashboard's live parts: the top and trending boxes follow the lists' stream, and the rest
// (figures, charts, sparklines) is replaced every 30 s by the same part of a fresh copy of the
// page, drawn by the server, so no chart is drawn here.

const DASHBOARD_REFRESH_MS = 30000;
/** Soon after an article enters a box, for its sparkline; not at every change of the lists. */
const DASHBOARD_SPARK_DELAY_MS = 2000;
/** The site-wide lists only (`category=all`), as many items as a box shows. */
const DASHBOARD_STREAM = '/v1/ranking/stream?category=all&limit=10';

/**
 * @typedef {{ rank: number, previousRank?: number | null, views?: number, visitors?: number, score?: number, baseline?: number, article: ListArticle }} DashboardItem
 */

/** @param {number} count @param {string} word */
const countWords = (count, word) => `${Math.round(count).toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/**
 * The same counts dashboard-lists.ts renders.
 * @param {string} kind
 * @param {DashboardItem} item
 */
function dashboardCounts(kind, item) {
  const views = countWords(item.views ?? 0, 'view');
  if (kind === 'top') {
    return element('span', { class: 'nr-count' }, [
      typeof item.visitors === 'number' ? `${views} · ${countWords(item.visitors, 'visitor')}` : views,
    ]);
  }
  const score = item.score ?? 0;
  return element('span', { class: 'nr-count' }, [
    `${views} last hour · ${Math.round((item.baseline ?? 0) * 10) / 10}/h before · `,
    element('span', { class: 'nr-score', title: 'score' }, [`${score >= 0 ? '+' : '−'}${Math.abs(Math.round(score * 10) / 10)}`]),
  ]);
}

/**
 * Redraws a box from a list the stream sent, keeping each article's sparkline from before.
 * @param {HTMLElement} box
 * @param {DashboardItem[]} items
 * @returns {boolean} whether an article arrived that has no sparkline yet
 */
function renderDashboardList(box, items) {
  const panel = /** @type {HTMLElement | null} */ (box.querySelector('.nr-panel'));
  if (!panel) return false;
  const kind = box.dataset.listKind ?? 'top';
  /** @type {Map<string, Element>} */
  const sparks = new Map();
  /** @type {Map<string, string>} */
  const ranks = new Map();
  for (const li of panel.querySelectorAll('.nr-dash-item')) {
    const id = li.getAttribute('data-article-id') ?? '';
    const spark = li.querySelector('.nr-spark-cell');
    if (spark) sparks.set(id, spark);
    ranks.set(id, li.querySelector('.nr-rank')?.textContent ?? '');
  }
  if (items.length === 0) {
    panel.replaceChildren(element('p', { class: 'nr-empty' }, [panel.dataset.empty ?? '']));
    return false;
  }
  let missing = false;
  const rows = items.slice(0, 10).map((item) => {
    const id = item.article.id;
    const spark = sparks.get(id);
    if (!spark) missing = true;
    const row = element('li', { class: 'nr-dash-item', 'data-article-id': id }, [
      element('span', { class: 'nr-rank' }, [String(item.rank)]),
      movementMarker(item),
      element('a', { class: 'nr-title', href: `/dashboard/articles/${encodeURIComponent(id)}` }, [item.article.title]),
      dashboardCounts(kind, item),
      spark ?? element('span', { class: 'nr-spark-cell' }, []),
    ]);
    if (ranks.get(id) !== String(item.rank)) row.classList.add('nr-changed');
    return row;
  });
  panel.replaceChildren(element('ol', { class: 'nr-list nr-dash-list' }, rows));
  return missing;
}

/** Replaces the page's live part with the same part of the page as the server renders it now. */
async function refreshDashboard() {
  const current = document.querySelector('[data-dashboard-refresh]');
  if (!current) return;
  try {
    // Same origin: the browser sends the credentials it was given for the page.
    const response = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-dashboard-refresh]');
    if (!fresh) return;
    // A table the reader opened stays open.
    const open = Array.from(current.querySelectorAll('details'), (details) => details.open);
    fresh.querySelectorAll('details').forEach((details, i) => {
      if (open[i]) details.setAttribute('open', '');
    });
    current.replaceWith(document.importNode(fresh, true));
  } catch {
    // Offline for a moment: the next round tries again.
  }
}

function startDashboard() {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let soon;
  const refreshSoon = () => {
    if (soon === undefined) soon = setTimeout(() => void refreshDashboard().finally(() => (soon = undefined)), DASHBOARD_SPARK_DELAY_MS);
  };
  setInterval(() => {
    if (document.visibilityState === 'visible') void refreshDashboard();
  }, DASHBOARD_REFRESH_MS);
  if (!document.querySelector('[data-dashboard-list]')) return;
  followLists(DASHBOARD_STREAM, (event) => {
    if (!event.list) return;
    for (const box of document.querySelectorAll(`[data-dashboard-list="${CSS.escape(event.key)}"]`)) {
      const items = /** @type {DashboardItem[]} */ (event.list.items);
      if (renderDashboardList(/** @type {HTMLElement} */ (box), items)) refreshSoon();
    }
  });
}

if (document.querySelector('[data-dashboard]')) startDashboard();
