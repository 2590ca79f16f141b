// The embeddable box: <script src="https://NEWSRANK/widget.js" data-box="ranking" data-window="24h"
// data-category="politics" data-limit="5" data-report-view="true"></script> renders, right after
// the tag (or in data-target), a live list in a shadow root styled only through --newsrank-*
// custom properties. With data-report-view="true" it also counts the page's view and its
// reader's engaged time; data-visitor-id names the reader when the site knows them.

/** @type {Record<string, string>} */
const WINDOW_NAMES = { '1h': 'last hour', '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' };
const WIDGET_WINDOWS = Object.keys(WINDOW_NAMES);

/**
 * `Access ranking · Politics · last 24 hours`, `Popular · all categories`: a box on someone
 * else's page has no tabs, so its heading alone says which list it is.
 * @param {BoxKind} kind
 * @param {string} rankingWindow
 * @param {string} category
 */
function widgetHeading(kind, rankingWindow, category) {
  if (kind === 'popular') return `Popular · ${category || 'all categories'}`;
  return ['Access ranking', category, WINDOW_NAMES[rankingWindow]].filter(Boolean).join(' · ');
}

/** @param {HTMLScriptElement} script */
function mountWidget(script) {
  const origin = new URL(script.src, location.href).origin;
  const data = script.dataset;
  /** @type {BoxKind} */
  const kind = data.box === 'popular' ? 'popular' : 'ranking';
  const rankingWindow = data.window !== undefined && WIDGET_WINDOWS.includes(data.window) ? data.window : '24h';
  const category = (data.category ?? '').trim();
  const limit = Math.min(100, Math.max(1, Math.floor(Number(data.limit)) || 5));

  const query = new URLSearchParams();
  if (kind === 'ranking') query.set('window', rankingWindow);
  else query.set('kind', 'popular');
  query.set('category', category || 'all');
  query.set('limit', String(limit));
  // The stream is filtered to exactly this box's list, so every event it sends is for this widget.
  const streamUrl = `${origin}/v1/ranking/stream?${query}`;
  query.delete('kind');
  const listUrl = `${origin}/v1/${kind}?${query}`;

  const host = document.createElement('div');
  host.className = 'newsrank-widget';
  host.setAttribute('data-box', kind);
  place(host, script, data.target);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);

  const title = document.createElement('h2');
  title.className = 'nr-box-title';
  title.setAttribute('part', 'title');
  title.textContent = data.title ?? widgetHeading(kind, rankingWindow, category);
  const panel = document.createElement('div');
  panel.className = 'nr-panel';
  panel.dataset.listKey = listUrl;
  const box = document.createElement('section');
  box.className = `nr-box nr-box-${kind}`;
  // Labelled by the heading itself, so the name follows it when the category's own name arrives.
  title.id = 'newsrank-title';
  box.setAttribute('aria-labelledby', title.id);
  box.append(title, panel);
  root.append(box);

  // The publisher's own page for the story when it has one (http(s) only), else newsrank's reader page.
  /** @param {ListArticle} article */
  const linkFor = (article) =>
    article.url && /^https?:\/\//i.test(article.url) ? article.url : `${origin}/articles/${encodeURIComponent(article.id)}`;
  /** @param {ListBody} list */
  const show = (list) => {
    if (data.title === undefined && category) {
      const name = list.items[0]?.article.category;
      // The articles name the category as readers know it ("Politics", not the slug given).
      if (name) title.textContent = widgetHeading(kind, rankingWindow, name);
    }
    renderPanel(panel, kind, list.items, limit, linkFor);
  };

  let streamed = false;
  void fetchList(listUrl).then((list) => {
    if (list && !streamed) show(list);
  });
  followLists(streamUrl, (event) => {
    if (!event.list) return;
    streamed = true;
    show(event.list);
  });

  if (data.reportView === 'true') countReader(`${origin}/v1/events`, viewTarget(data), { visitorId: data.visitorId });
}

/**
 * Where the box goes: into the element `data-target` names, else right after the tag, unless the
 * tag sits in <head> (never displayed), where the box goes at the end of the body.
 * @param {HTMLElement} host
 * @param {HTMLScriptElement} script
 * @param {string | undefined} target
 */
function place(host, script, target) {
  const put = () => {
    /** @type {Element | null} */
    let container = null;
    try {
      container = target ? document.querySelector(target) : null;
    } catch {
      // Not a valid selector: fall back to the tag's own place.
    }
    if (container) container.append(host);
    else if (script.closest('head')) document.body.append(host);
    else script.after(host);
  };
  // The target, or the body, may not be parsed yet when a tag in <head> runs.
  if ((target || script.closest('head')) && document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', put, { once: true });
  else put();
}

/**
 * Which article the host page is: an explicit id or URL, else the page's canonical URL (news
 * pages carry one, and it is how stories are stored), else its address.
 * @param {DOMStringMap} data
 * @returns {{ articleId: string } | { url: string }}
 */
function viewTarget(data) {
  if (data.articleId) return { articleId: data.articleId };
  const canonical = /** @type {HTMLLinkElement | null} */ (document.querySelector('link[rel="canonical"]'));
  return { url: data.articleUrl || canonical?.href || location.href };
}

/**
 * Constructed style sheets are not inline styles, so a host page's strict CSP does not block them.
 * @param {ShadowRoot} root
 */
function adoptStyles(root) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    root.append(style);
  }
}

// currentScript is this very tag while it runs; a tag manager that injects the script some other
// way leaves it null, and then the first tag not yet mounted is the one.
const widgetScript = document.currentScript ?? document.querySelector('script[src*="/widget.js"]:not([data-newsrank-mounted])');
if (widgetScript instanceof HTMLScriptElement && !widgetScript.hasAttribute('data-newsrank-mounted')) {
  widgetScript.setAttribute('data-newsrank-mounted', '');
  mountWidget(widgetScript);
}
