import { sparkline } from './charts/sparkline.ts';
import { formatCount } from './charts/chart-numbers.ts';
import { dashboardArticlePath } from './dashboard-parts.ts';
import { SPARKLINE_HOURS, TOP_LIST_KEY, TRENDING_LIST_KEY, type TopItem, type TrendingItem } from './dashboard-data.ts';
import { html, type SafeHtml } from './html.ts';
import { movement } from './list-box.ts';

/** Items a dashboard box shows. */
export const DASHBOARD_LIST_LENGTH = 10;

export type DashboardListKind = 'top' | 'trending';

const SPARK_LABEL = `Views per hour, last ${SPARKLINE_HOURS} hours`;
const plural = (count: number, word: string) => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

/** `1.5/h`: the baseline is a mean, so it keeps one decimal. */
export const formatRate = (perHour: number) => `${Math.round(perHour * 10) / 10}/h`;
/** `+3.2`, `−0.4`: how far above its own baseline an article runs. */
export const formatScore = (score: number) => `${score >= 0 ? '+' : '−'}${Math.abs(Math.round(score * 10) / 10)}`;

function counts(kind: DashboardListKind, item: TopItem | TrendingItem): SafeHtml {
  if (kind === 'top') {
    const visitors = (item as TopItem).visitors;
    return html`<span class="nr-count">${plural(item.views, 'view')}${visitors === undefined ? '' : ` · ${plural(visitors, 'visitor')}`}</span>`;
  }
  const trending = item as TrendingItem;
  return html`<span class="nr-count">${plural(trending.views, 'view')} last hour · ${formatRate(trending.baseline)} before · <span class="nr-score" title="score">${formatScore(trending.score)}</span></span>`;
}

function row(kind: DashboardListKind, item: TopItem | TrendingItem, hourly: readonly number[] | undefined): SafeHtml {
  return html`<li class="nr-dash-item" data-article-id="${item.article.id}"><span class="nr-rank">${item.rank}</span>${movement(item)}<a class="nr-title" href="${dashboardArticlePath(item.article.id)}">${item.article.title}</a>${counts(kind, item)}<span class="nr-spark-cell">${sparkline(hourly ?? [], { label: SPARK_LABEL })}</span></li>`;
}

export interface DashboardListBox {
  kind: DashboardListKind;
  items: readonly (TopItem | TrendingItem)[];
  hourly: ReadonlyMap<string, readonly number[]>;
}

const BOXES = {
  top: {
    id: 'top-articles',
    key: TOP_LIST_KEY,
    heading: 'Top articles · last 24 hours',
    empty: 'No views counted yet.',
  },
  trending: {
    id: 'trending',
    key: TRENDING_LIST_KEY,
    heading: 'Trending · last hour against its own day',
    empty: 'Nothing is rising above its usual readership right now.',
  },
} as const;

/**
 * The top or trending box: each article with its counts and a sparkline of its last day. The
 * page's script keeps it current from the lists' stream (`data-dashboard-list` is the key).
 */
export function dashboardListBox(box: DashboardListBox): SafeHtml {
  const meta = BOXES[box.kind];
  const shown = box.items.slice(0, DASHBOARD_LIST_LENGTH);
  return html`<section class="nr-box nr-dash-box" id="${meta.id}" aria-labelledby="${meta.id}-heading" data-dashboard-list="${meta.key}" data-list-kind="${box.kind}">
<h2 class="nr-box-title" id="${meta.id}-heading">${meta.heading}</h2>
<div class="nr-panel" data-empty="${meta.empty}">${
    shown.length === 0
      ? html`<p class="nr-empty">${meta.empty}</p>`
      : html`<ol class="nr-list nr-dash-list">${shown.map((item) => row(box.kind, item, box.hourly.get(item.article.id)))}</ol>`
  }</div>
</section>`;
}
