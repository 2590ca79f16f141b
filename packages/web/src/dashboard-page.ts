import type { ArticleStats, SiteStats, StatsWindow } from '@newsrank/wire';
import { formatCount, formatSeconds } from './charts/chart-numbers.ts';
import { dashboardListBox } from './dashboard-lists.ts';
import type { TopItem, TrendingItem } from './dashboard-data.ts';
import {
  DASHBOARD_PATH,
  campaignSection,
  dashboardArticlePath,
  figures,
  referrerSection,
  seriesSection,
  windowName,
  windowTabs,
} from './dashboard-parts.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { articlePath } from './list-box.ts';
import { httpUrl } from './safe-url.ts';

export interface DashboardPage {
  window: StatsWindow;
  stats: SiteStats;
  top: readonly TopItem[];
  trending: readonly TrendingItem[];
  /** Views per hour of the listed articles over the last day, oldest first. */
  hourly: ReadonlyMap<string, readonly number[]>;
}

/**
 * The part of a dashboard page its script replaces every 30 s with the same part of a fresh copy
 * of the page (`data-dashboard-refresh`), so the charts need no client-side drawing.
 */
const refreshed = (body: SafeHtml) => html`<div id="dashboard-live" data-dashboard-refresh>${body}</div>`;

/** GET /dashboard: the newsroom's view of the whole site. */
export function dashboardPage(page: DashboardPage): SafeHtml {
  const { stats, window } = page;
  const main = html`<div class="nr-dashboard" data-dashboard>
<h1 class="nr-page-title">Newsroom dashboard</h1>
${refreshed(html`<div class="nr-dash-lists">
${dashboardListBox({ kind: 'top', items: page.top, hourly: page.hourly })}
${dashboardListBox({ kind: 'trending', items: page.trending, hourly: page.hourly })}
</div>
<div id="charts" class="nr-dash-charts">
${windowTabs(DASHBOARD_PATH, window)}
${figures([
  { id: 'views', label: `Views · ${windowName(window)}`, value: formatCount(stats.views) },
  { id: 'visitors', label: 'Visitors', value: formatCount(stats.visitors) },
  { id: 'engaged', label: 'Engaged time per visitor', value: formatSeconds(stats.engagedSeconds) },
])}
${seriesSection(stats.series, window)}
${referrerSection(stats.referrers, stats.referrerHosts)}
</div>
<p class="nr-dash-updated">Figures as of <time datetime="${stats.generatedAt}">${stats.generatedAt.replace('T', ' ').replace('Z', ' UTC')}</time>.</p>`)}
</div>`;
  return layout({
    title: 'Dashboard — newsrank',
    description: 'Top and trending articles, views and visitors over time, and where readers come from.',
    main,
    aside: null,
    noindex: true,
  });
}

const rankText = (rank: number | null) => (rank === null ? '—' : `#${rank}`);

/** GET /dashboard/articles/:id: one article's readers over the chosen window. */
export function dashboardArticlePage(stats: ArticleStats): SafeHtml {
  const { article, window } = stats;
  const original = httpUrl(article.url);
  const meta = [
    article.category ? html`<span class="nr-category">${article.category}</span>` : null,
    article.publishedAt
      ? html`<span>Published <time datetime="${article.publishedAt}">${article.publishedAt.replace('T', ' ').replace('Z', ' UTC')}</time></span>`
      : null,
    // Wrapped, so the separator before each is not drawn as part of the link.
    html`<span><a href="${articlePath(article.id)}">Reader page</a></span>`,
    original ? html`<span><a href="${original}" rel="noopener">Original</a></span>` : null,
  ].filter((part) => part !== null);
  const main = html`<div class="nr-dashboard" data-dashboard>
<p class="nr-kicker"><a href="${DASHBOARD_PATH}">← Dashboard</a></p>
<h1 class="nr-page-title">${article.title}</h1>
<p class="nr-meta">${meta}</p>
${refreshed(html`<div id="charts" class="nr-dash-charts">
${windowTabs(dashboardArticlePath(article.id), window)}
${figures([
  { id: 'views', label: `Views · ${windowName(window)}`, value: formatCount(stats.views) },
  { id: 'visitors', label: 'Visitors', value: formatCount(stats.visitors) },
  { id: 'engaged', label: 'Engaged time per visitor', value: formatSeconds(stats.engagedSeconds) },
  { id: 'current-rank', label: 'Rank now', value: rankText(stats.currentRank) },
  { id: 'best-rank', label: `Best rank · ${windowName(window)}`, value: rankText(stats.bestRank) },
])}
${seriesSection(stats.series, window)}
<div class="nr-dash-pair">
${referrerSection(stats.referrers, stats.referrerHosts)}
${campaignSection(stats.campaigns)}
</div>
</div>
<p class="nr-dash-updated">Figures as of <time datetime="${stats.generatedAt}">${stats.generatedAt.replace('T', ' ').replace('Z', ' UTC')}</time>.</p>`)}
</div>`;
  return layout({
    title: `${article.title} — dashboard — newsrank`,
    description: `Readers of ${article.title}`,
    main,
    aside: null,
    noindex: true,
  });
}

export function dashboardArticleNotFoundPage(): SafeHtml {
  return layout({
    title: 'Article not found — dashboard — newsrank',
    description: 'No article has this address.',
    main: html`<h1 class="nr-page-title">Article not found</h1><p>No article has this id. The <a href="${DASHBOARD_PATH}">dashboard</a> lists the articles people read.</p>`,
    aside: null,
    noindex: true,
  });
}
