import { formatIsoSecond } from '@newsrank/core';
import {
  articleReaderFacts,
  hourlyViewsOfArticles,
  siteEngagedMs,
  siteHourlyViews,
  siteReferrerViews,
  type Db,
  type HourViews,
  type ReferrerViews,
} from '@newsrank/db';
import type { RedisClient } from '@newsrank/queue';
import type { ArticleStats, SiteStats, StatsWindow } from '@newsrank/wire';
import { meanEngagedSeconds, referrerSummary, statsPlan, viewsPerPoint, type StatsPlan } from './stats-shape.ts';
import { HOUR_SETS_READ_MS, bucketsCovering } from './visitor-buckets.ts';
import { countVisitors, visitorSetKey, type VisitorScope } from './visitor-sets.ts';

export interface StatsDeps {
  db: Db;
  redis: RedisClient;
  /** The deployment's queue prefix, under which the visitor sets live. */
  prefix: string;
  /** The article's rank in the site-wide access ranking of the window as published now (from memory), or null. */
  currentRank(window: StatsWindow, articleId: string): number | null;
}

const TOP_CAMPAIGNS = 10;

/** Visitors of the whole plan and of each of its points, in one round trip. */
async function visitorsOf(deps: StatsDeps, scope: VisitorScope, plan: StatsPlan, nowMs: number) {
  const whole = bucketsCovering(plan.from.getTime(), plan.to.getTime(), nowMs - HOUR_SETS_READ_MS);
  const [total = 0, ...perPoint] = await countVisitors(deps.redis, [
    whole.map((bucket) => visitorSetKey(deps.prefix, scope, bucket)),
    ...plan.points.map((point) => [visitorSetKey(deps.prefix, scope, point)]),
  ]);
  return { total, perPoint };
}

/** What article and site stats share: totals, series and referrers over the plan. */
function readerTotals(
  plan: StatsPlan,
  window: StatsWindow,
  nowMs: number,
  facts: { hours: HourViews[]; engagedMs: number; referrerRows: ReferrerViews[]; visitors: { total: number; perPoint: number[] } },
) {
  const views = viewsPerPoint(plan, facts.hours);
  const totalViews = views.reduce((sum, n) => sum + n, 0);
  const totalVisitors = Math.min(facts.visitors.total, totalViews);
  return {
    window,
    generatedAt: formatIsoSecond(nowMs),
    views: totalViews,
    visitors: totalVisitors,
    engagedSeconds: meanEngagedSeconds(facts.engagedMs, totalVisitors),
    series: series(plan, views, facts.visitors.perPoint),
    ...referrerSummary(facts.referrerRows),
  };
}

function series(plan: StatsPlan, views: number[], visitors: number[]) {
  // A HyperLogLog estimate may overshoot a little: never more visitors than views.
  return plan.points.map((point, i) => ({
    t: formatIsoSecond(point.startMs),
    views: views[i] ?? 0,
    visitors: Math.min(visitors[i] ?? 0, views[i] ?? 0),
  }));
}

/**
 * One article's readers over a window, from hourly rows and visitor sets only: one statement of
 * index range reads and one Redis round trip, whatever the number of articles or events.
 * Null when there is no such article.
 */
export async function articleStats(
  deps: StatsDeps,
  articleId: string,
  window: StatsWindow,
  nowMs = Date.now(),
): Promise<ArticleStats | null> {
  const plan = statsPlan(window, nowMs);
  const range = { from: plan.from, to: plan.to };
  const [facts, visitors] = await Promise.all([
    articleReaderFacts(deps.db, articleId, window, range, TOP_CAMPAIGNS),
    visitorsOf(deps, articleId, plan, nowMs),
  ]);
  if (!facts) return null;
  const { article, hours, engagedMs, referrers: referrerRows, campaigns, bestRank } = facts;
  const currentRank = deps.currentRank(window, articleId);
  return {
    article: {
      id: article.id,
      title: article.title,
      url: article.url,
      category: article.category,
      publishedAt: article.publishedAt ? formatIsoSecond(article.publishedAt) : null,
    },
    ...readerTotals(plan, window, nowMs, { hours, engagedMs, referrerRows, visitors }),
    campaigns: campaigns.map((c) => ({ source: c.source || null, medium: c.medium || null, campaign: c.campaign || null, views: c.views })),
    // A rank now better than any recorded (the record trails the publish by a moment) is the best.
    bestRank: currentRank !== null && (bestRank === null || currentRank < bestRank) ? currentRank : bestRank,
    currentRank,
  };
}

/** The whole site over a window: views and visitors over time, engaged time and referrers. */
export async function siteStats(deps: StatsDeps, window: StatsWindow, nowMs = Date.now()): Promise<SiteStats> {
  const plan = statsPlan(window, nowMs);
  const range = { from: plan.from, to: plan.to };
  const [hours, engagedMs, referrerRows, visitors] = await Promise.all([
    siteHourlyViews(deps.db, range),
    siteEngagedMs(deps.db, range),
    siteReferrerViews(deps.db, range),
    visitorsOf(deps, 'site', plan, nowMs),
  ]);
  return readerTotals(plan, window, nowMs, { hours, engagedMs, referrerRows, visitors });
}

const HOUR_MS = 3_600_000;

/** Each article's views in each of the last `hours` hours, oldest first (the current hour last). */
export async function recentHourlyViews(deps: Pick<StatsDeps, 'db'>, articleIds: readonly string[], hours: number, nowMs = Date.now()) {
  const to = Math.floor(nowMs / HOUR_MS) * HOUR_MS + HOUR_MS;
  const from = to - hours * HOUR_MS;
  const rows = await hourlyViewsOfArticles(deps.db, articleIds, { from: new Date(from), to: new Date(to) });
  const result = new Map<string, number[]>();
  for (const [id, list] of rows) {
    const values = Array.from({ length: hours }, () => 0);
    for (const row of list) {
      const i = Math.floor((row.bucketStart.getTime() - from) / HOUR_MS);
      if (i >= 0 && i < hours) values[i] = row.views;
    }
    result.set(id, values);
  }
  return result;
}
