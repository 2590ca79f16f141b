import type { HourViews, ReferrerViews } from '@newsrank/db';
import { windowBucketRange } from '@newsrank/ranking';
import { REFERRER_CLASSES, type ReferrerClass, type ReferrerHost, type ReferrerSplit, type StatsWindow } from '@newsrank/wire';
import type { VisitorBucket } from './visitor-buckets.ts';
import { VISITOR_UNITS } from './visitor-buckets.ts';

/** The hours a stats window covers (the same hours as the access ranking of that window), and the points of its series. */
export interface StatsPlan {
  from: Date;
  to: Date;
  /** Oldest first: hours for 24h and 7d, UTC days for 30d (the first and last may be partial). */
  points: VisitorBucket[];
}

export function statsPlan(window: StatsWindow, nowMs: number): StatsPlan {
  const range = windowBucketRange(window, nowMs);
  const unit = window === '30d' ? 'day' : 'hour';
  const size = VISITOR_UNITS[unit];
  const points: VisitorBucket[] = [];
  for (let t = Math.floor(range.fromInclusive.getTime() / size) * size; t < range.toExclusive.getTime(); t += size) {
    points.push({ unit, startMs: t });
  }
  return { from: range.fromInclusive, to: range.toExclusive, points };
}

/** Views per point of the plan: hours summed into their point. */
export function viewsPerPoint(plan: StatsPlan, hours: readonly HourViews[]): number[] {
  const size = VISITOR_UNITS[plan.points[0]?.unit ?? 'hour'];
  const index = new Map(plan.points.map((point, i) => [point.startMs, i]));
  const views = plan.points.map(() => 0);
  for (const hour of hours) {
    const i = index.get(Math.floor(hour.bucketStart.getTime() / size) * size);
    if (i !== undefined) views[i] = (views[i] ?? 0) + hour.views;
  }
  return views;
}

const TOP_HOSTS = 10;

/** Views by referrer class, and the hosts with the most views (direct has no host). */
export function referrerSummary(rows: readonly ReferrerViews[]): { referrers: ReferrerSplit; referrerHosts: ReferrerHost[] } {
  const referrers = Object.fromEntries(REFERRER_CLASSES.map((name) => [name, 0])) as ReferrerSplit;
  const hosts = new Map<string, ReferrerHost>();
  for (const row of rows) {
    const referrerClass = (REFERRER_CLASSES as readonly string[]).includes(row.referrerClass)
      ? (row.referrerClass as ReferrerClass)
      : 'other';
    referrers[referrerClass] += row.views;
    if (row.referrerHost === '') continue;
    const key = `${referrerClass} ${row.referrerHost}`;
    const host = hosts.get(key);
    if (host) host.views += row.views;
    else hosts.set(key, { host: row.referrerHost, class: referrerClass, views: row.views });
  }
  const referrerHosts = [...hosts.values()]
    .sort((a, b) => b.views - a.views || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0))
    .slice(0, TOP_HOSTS);
  return { referrers, referrerHosts };
}

/** Mean engaged seconds per visitor, to a tenth of a second; 0 without visitors. */
export function meanEngagedSeconds(engagedMs: number, visitors: number): number {
  return visitors > 0 ? Math.round(engagedMs / visitors / 100) / 10 : 0;
}
