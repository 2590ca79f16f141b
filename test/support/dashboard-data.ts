// Test data for the dashboard pages: stats shaped as GET /v1/stats and /v1/articles/:id/stats
// answer them, and published lists for the top and trending boxes. Deterministic, so the pages
// and their screenshots come out the same every run.
import type { PublishedList } from '@newsrank/ranking';
import type { DashboardData } from '@newsrank/web';
import type { ArticleStats, ListArticle, SeriesPoint, SiteStats, StatsWindow } from '@newsrank/wire';

export const NASTY_TITLE = '<img src=x onerror=alert(1)> & "quotes"';
export const DASHBOARD_NOW = Date.parse('2025-01-13T10:00:00Z');

const TITLES = [
  'Parliament passes the budget after an all-night session',
  'Storm closes ports along the northern coast',
  NASTY_TITLE,
  'Central bank holds rates, signals a cut in spring',
  'Local team wins the cup in extra time',
  'New metro line opens a year early',
];
const CATEGORIES = ['Politics', 'World', 'Culture', 'Economy', 'Sports', 'World'];

export const dashboardArticles: ListArticle[] = TITLES.map((title, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i + 1}`,
  title,
  url: `https://news.example/story-${i + 1}`,
  category: CATEGORIES[i] ?? null,
  publishedAt: new Date(DASHBOARD_NOW - (i + 2) * 3_600_000).toISOString().replace('.000', ''),
}));
const articleAt = (i: number): ListArticle => dashboardArticles[i] ?? (dashboardArticles[0] as ListArticle);

/** A day's curve: quiet at night, a morning and an evening peak; `scale` sets its height. */
function hourly(hours: number, scale: number, phase = 0): number[] {
  return Array.from({ length: hours }, (_, i) => {
    const hour = (i + phase) % 24;
    const curve =
      0.25 + 0.75 * Math.max(Math.sin(((hour - 6) / 24) * 2 * Math.PI), 0) + 0.3 * Math.max(Math.sin(((hour - 15) / 8) * Math.PI), 0);
    return Math.round(scale * curve);
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

function series(window: StatsWindow, scale: number): SeriesPoint[] {
  const daily = window === '30d';
  const count = window === '24h' ? 24 : window === '7d' ? 168 : 30;
  const step = daily ? 86_400_000 : 3_600_000;
  const end = daily ? DASHBOARD_NOW - (DASHBOARD_NOW % 86_400_000) : DASHBOARD_NOW - 3_600_000;
  const views = daily ? hourly(30, scale * 20, 3) : hourly(count, scale, 11);
  return views.map((v, i) => ({ t: iso(end - (count - 1 - i) * step), views: v, visitors: Math.round(v * 0.72) }));
}

const sum = (points: readonly SeriesPoint[], field: 'views' | 'visitors') => points.reduce((total, p) => total + p[field], 0);

export function siteStatsFor(window: StatsWindow): SiteStats {
  const points = series(window, 400);
  const views = sum(points, 'views');
  return {
    window,
    generatedAt: iso(DASHBOARD_NOW),
    views,
    visitors: Math.round(sum(points, 'visitors') * 0.8),
    engagedSeconds: 74.6,
    series: points,
    referrers: {
      direct: Math.round(views * 0.31),
      internal: Math.round(views * 0.22),
      search: Math.round(views * 0.27),
      social: Math.round(views * 0.15),
      other: views - Math.round(views * 0.31) - Math.round(views * 0.22) - Math.round(views * 0.27) - Math.round(views * 0.15),
    },
    referrerHosts: [
      { host: 'www.google.com', class: 'search', views: Math.round(views * 0.21) },
      { host: 't.co', class: 'social', views: Math.round(views * 0.09) },
      { host: 'news.example', class: 'internal', views: Math.round(views * 0.08) },
      { host: 'duckduckgo.com', class: 'search', views: Math.round(views * 0.04) },
      { host: 'forum.<script>.example', class: 'other', views: Math.round(views * 0.02) },
    ],
  };
}

export function articleStatsFor(article: ListArticle, window: StatsWindow): ArticleStats {
  const points = series(window, 60);
  const views = sum(points, 'views');
  return {
    article,
    window,
    generatedAt: iso(DASHBOARD_NOW),
    views,
    visitors: Math.round(sum(points, 'visitors') * 0.85),
    engagedSeconds: 95.2,
    series: points,
    referrers: {
      direct: Math.round(views * 0.4),
      internal: Math.round(views * 0.3),
      search: Math.round(views * 0.2),
      social: Math.round(views * 0.1),
      other: 0,
    },
    referrerHosts: [
      { host: 'www.google.com', class: 'search', views: Math.round(views * 0.2) },
      { host: 'www.facebook.com', class: 'social', views: Math.round(views * 0.1) },
    ],
    campaigns: [
      { source: 'newsletter', medium: 'email', campaign: 'morning-briefing', views: Math.round(views * 0.12) },
      { source: 'partner<site>', medium: null, campaign: null, views: 7 },
    ],
    bestRank: 1,
    currentRank: 2,
  };
}

/** What GET /dashboard shows: six articles with a day of hourly views each; ids it does not know have none. */
export const testDashboardData: DashboardData = {
  siteStats: async (window) => siteStatsFor(window),
  articleStats: async (articleId, window) => {
    const article = dashboardArticles.find((candidate) => candidate.id === articleId);
    return article ? articleStatsFor(article, window) : null;
  },
  hourlyViews: async (articleIds, hours) =>
    new Map(
      articleIds.flatMap((id) => {
        const index = dashboardArticles.findIndex((article) => article.id === id);
        return index === -1 ? [] : [[id, hourly(hours, 40 - index * 5, index * 3)] as [string, number[]]];
      }),
    ),
};

export const topList: PublishedList = {
  key: 'ranking:24h:all',
  etag: 'top-1',
  contentHash: 'top-1',
  publishedAtMs: DASHBOARD_NOW,
  body: {
    window: '24h',
    category: null,
    generatedAt: iso(DASHBOARD_NOW),
    items: [0, 1, 2, 3, 4].map((i) => ({
      rank: i + 1,
      previousRank: i === 0 ? 2 : i === 1 ? 1 : i === 4 ? null : i + 1,
      views: 1200 - i * 210,
      visitors: 950 - i * 170,
      article: articleAt(i),
    })),
  },
};

/** trending:all as the ranking worker publishes it (items with score, views in the last hour and baseline). */
export const trendingList = {
  key: 'trending:all',
  etag: 'trending-1',
  contentHash: 'trending-1',
  publishedAtMs: DASHBOARD_NOW,
  body: {
    category: null,
    generatedAt: iso(DASHBOARD_NOW),
    items: [
      { rank: 1, previousRank: null, score: 12.4, views: 96, baseline: 9.5, article: articleAt(5) },
      { rank: 2, previousRank: 1, score: 6.1, views: 60, baseline: 18.25, article: articleAt(1) },
      { rank: 3, previousRank: 3, score: 2.04, views: 14, baseline: 3, article: articleAt(2) },
    ],
  },
} as unknown as PublishedList;

export function testLists(lists: readonly PublishedList[] = [topList, trendingList]) {
  return { get: (key: string) => lists.find((list) => list.key === key), all: () => [...lists] };
}
