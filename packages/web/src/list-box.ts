import type { ListArticle } from '@newsrank/ranking';
import { html, type SafeHtml } from './html.ts';

/** An item of either list, as the lists API serves it (SPEC "Lists"). */
export interface ListItem {
  rank: number;
  previousRank?: number | null;
  views?: number;
  score?: number;
  article: ListArticle;
}

export interface BoxTab {
  label: string;
  /** Where the tab leads without JavaScript: the same page with another `?window=` or `?category=`. */
  href: string;
  /** The list it shows, as the event stream names it, and where to fetch it as JSON. */
  listKey: string;
  listUrl: string;
  selected: boolean;
  /** What the panel says while the tab's list is empty. */
  emptyText: string;
}

export interface Box {
  kind: 'ranking' | 'popular';
  /** Base of the element ids: unique on the page. */
  id: string;
  heading: string;
  tabs: BoxTab[];
  tabsLabel: string;
  /** The query parameter the tabs set (`window`, `category`), so the address can keep every box's choice. */
  tabParam: string;
  listKey: string;
  emptyText: string;
  items: readonly ListItem[];
  limit: number;
  /** The SSE endpoint (with filters) whose events keep this box current. */
  streamUrl: string;
}

/** The page links articles to their reader page; the markup is the one assets/list-render.js builds. */
export const articlePath = (id: string) => `/articles/${encodeURIComponent(id)}`;

/** ▲ ▼ new against the list published before; screen readers hear the words, not the arrows. */
export function movement(item: ListItem): SafeHtml {
  const before = item.previousRank;
  if (before === undefined) return html``;
  if (before === null) return html`<span class="nr-move nr-move-new">new</span>`;
  if (before > item.rank)
    return html`<span class="nr-move nr-move-up" title="up from ${before}"><span aria-hidden="true">▲</span><span class="nr-sr">up from ${before}</span></span>`;
  if (before < item.rank)
    return html`<span class="nr-move nr-move-down" title="down from ${before}"><span aria-hidden="true">▼</span><span class="nr-sr">down from ${before}</span></span>`;
  return html`<span class="nr-move nr-move-same" title="unchanged"><span aria-hidden="true">–</span><span class="nr-sr">unchanged</span></span>`;
}

function listItem(kind: Box['kind'], item: ListItem): SafeHtml {
  const views =
    kind === 'ranking' && item.views !== undefined
      ? html`<span class="nr-count">${item.views} ${item.views === 1 ? 'view' : 'views'}</span>`
      : null;
  return html`<li class="nr-item" data-article-id="${item.article.id}"><span class="nr-rank">${item.rank}</span>${kind === 'ranking' ? movement(item) : null}<a class="nr-title" href="${articlePath(item.article.id)}">${item.article.title}</a>${views}</li>`;
}

export function listContent(kind: Box['kind'], items: readonly ListItem[], limit: number, emptyText: string): SafeHtml {
  const shown = items.slice(0, limit);
  if (shown.length === 0) return html`<p class="nr-empty">${emptyText}</p>`;
  return html`<ol class="nr-list">${shown.map((item) => listItem(kind, item))}</ol>`;
}

function tabs(box: Box): SafeHtml | null {
  if (box.tabs.length === 0) return null;
  const links = box.tabs.map(
    (tab) =>
      html`<li><a class="nr-tab" href="${tab.href}" data-list-key="${tab.listKey}" data-list-url="${tab.listUrl}" data-empty="${tab.emptyText}"${tab.selected ? html` aria-current="page"` : null}>${tab.label}</a></li>`,
  );
  return html`<nav class="nr-tabs" aria-label="${box.tabsLabel}"><ul>${links}</ul></nav>`;
}

/**
 * One box (Popular or Access ranking): a heading, tabs that are plain links without
 * JavaScript, and the list. assets/newsrank.js turns the links into ARIA tabs and keeps the
 * list current from `data-stream`.
 */
export function listBox(box: Box): SafeHtml {
  return html`<section class="nr-box nr-box-${box.kind}" id="${box.id}" aria-labelledby="${box.id}-heading" data-box="${box.kind}" data-stream="${box.streamUrl}" data-limit="${box.limit}" data-tab-param="${box.tabParam}">
<h2 class="nr-box-title" id="${box.id}-heading">${box.heading}</h2>
${tabs(box)}
<div class="nr-panel" id="${box.id}-panel" data-list-key="${box.listKey}" data-empty="${box.emptyText}">${listContent(box.kind, box.items, box.limit, box.emptyText)}</div>
</section>`;
}
