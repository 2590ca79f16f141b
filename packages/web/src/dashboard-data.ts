import type { ArticleStats, ListArticle, SiteStats, StatsWindow } from '@newsrank/wire';

/**
 * What the dashboard reads besides the published lists; the mounting app passes the real one
 * (stats from the hourly buckets), tests pass their own.
 */
export interface DashboardData {
  siteStats(window: StatsWindow): Promise<SiteStats>;
  /** null: no such article. */
  articleStats(articleId: string, window: StatsWindow): Promise<ArticleStats | null>;
  /** Views per hour of each article over the last `hours` hours, oldest first; an article without views may be missing. */
  hourlyViews(articleIds: readonly string[], hours: number): Promise<Map<string, number[]>>;
}

/** An item of the access ranking (`ranking:24h:all`) as it is published. */
export interface TopItem {
  rank: number;
  previousRank?: number | null;
  views: number;
  visitors?: number;
  article: ListArticle;
}

/** An item of the trending list (`trending:all`): views in the last hour against the article's own hourly baseline. */
export interface TrendingItem {
  rank: number;
  previousRank?: number | null;
  score: number;
  views: number;
  baseline: number;
  article: ListArticle;
}

/** The lists the dashboard shows, by their published keys. */
export const TOP_LIST_KEY = 'ranking:24h:all';
export const TRENDING_LIST_KEY = 'trending:all';
/** Sparklines cover the last day, an hour a point. */
export const SPARKLINE_HOURS = 24;
