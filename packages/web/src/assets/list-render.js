// Builds a list box's content in the browser: the same markup as list-box.ts renders on the
// server, so a live update looks exactly like a fresh page load. Shared by the page and the widget.

/**
 * @typedef {{ id: string, title: string, url: string | null, category: string | null, publishedAt: string | null }} ListArticle
 * @typedef {{ rank: number, previousRank?: number | null, views?: number, score?: number, article: ListArticle }} ListItem
 * @typedef {{ items: ListItem[], generatedAt: string | null }} ListBody
 * @typedef {'ranking' | 'popular'} BoxKind
 */

/**
 * @param {string} tag
 * @param {Record<string, string>} attributes
 * @param {(Node | string | null)[]} children
 * @returns {HTMLElement}
 */
function element(tag, attributes, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/**
 * ▲ ▼ new against the previous list; the words are for screen readers, the arrows for the eye.
 * @param {ListItem} item
 * @returns {HTMLElement | null}
 */
function movementMarker(item) {
  const before = item.previousRank;
  if (before === undefined) return null;
  if (before === null) return element('span', { class: 'nr-move nr-move-new' }, ['new']);
  /** @param {string} name @param {string} arrow @param {string} words */
  const marker = (name, arrow, words) =>
    element('span', { class: `nr-move nr-move-${name}`, title: words }, [
      element('span', { 'aria-hidden': 'true' }, [arrow]),
      element('span', { class: 'nr-sr' }, [words]),
    ]);
  if (before > item.rank) return marker('up', '▲', `up from ${before}`);
  if (before < item.rank) return marker('down', '▼', `down from ${before}`);
  return marker('same', '–', 'unchanged');
}

/**
 * @param {BoxKind} kind
 * @param {ListItem} item
 * @param {(article: ListArticle) => string} linkFor
 */
function listItemElement(kind, item, linkFor) {
  const views =
    kind === 'ranking' && typeof item.views === 'number'
      ? element('span', { class: 'nr-count' }, [`${item.views} ${item.views === 1 ? 'view' : 'views'}`])
      : null;
  return element('li', { class: 'nr-item', 'data-article-id': item.article.id }, [
    element('span', { class: 'nr-rank' }, [String(item.rank)]),
    kind === 'ranking' ? movementMarker(item) : null,
    element('a', { class: 'nr-title', href: linkFor(item.article) }, [item.article.title]),
    views,
  ]);
}

/**
 * The list, or the empty note when nothing was counted yet.
 * @param {BoxKind} kind
 * @param {ListItem[]} items
 * @param {number} limit
 * @param {(article: ListArticle) => string} linkFor
 * @param {string} emptyText
 * @returns {HTMLElement}
 */
function listContentElement(kind, items, limit, linkFor, emptyText) {
  const shown = items.slice(0, limit);
  if (shown.length === 0) return element('p', { class: 'nr-empty' }, [emptyText]);
  return element(
    'ol',
    { class: 'nr-list' },
    shown.map((item) => listItemElement(kind, item, linkFor)),
  );
}

/**
 * Replaces a panel's list; items that moved or arrived since the panel last showed this list
 * flash briefly, so a reader notices the change.
 * @param {HTMLElement} panel
 * @param {BoxKind} kind
 * @param {ListItem[]} items
 * @param {number} limit
 * @param {(article: ListArticle) => string} linkFor
 */
function renderPanel(panel, kind, items, limit, linkFor) {
  const key = panel.dataset.listKey ?? '';
  /** @type {Map<string, string>} */
  const before = new Map();
  if (panel.dataset.shownKey === key) {
    for (const li of panel.querySelectorAll('.nr-item'))
      before.set(li.getAttribute('data-article-id') ?? '', li.querySelector('.nr-rank')?.textContent ?? '');
  }
  // The panel says what its empty state means (a category without views yet, say), as the server did.
  const content = listContentElement(kind, items, limit, linkFor, panel.dataset.empty || 'No views counted yet.');
  if (before.size > 0) {
    for (const li of content.querySelectorAll('.nr-item')) {
      const id = li.getAttribute('data-article-id') ?? '';
      if (before.get(id) !== li.querySelector('.nr-rank')?.textContent) li.classList.add('nr-changed');
    }
  }
  panel.replaceChildren(content);
  panel.dataset.shownKey = key;
}
