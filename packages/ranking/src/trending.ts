import { BUCKET_RESOLUTIONS, bucketStart, windowBucketRange } from './windows.ts';

/** Hours of history an article's baseline averages over. */
export const TRENDING_BASELINE_HOURS = 24;

/** The window whose running totals give a trending article's recent views (`r`). */
export const TRENDING_RECENT_WINDOW = '1h';

/**
 * How far an article rises above its own baseline: with `r` its views in the last hour and `e`
 * its mean views per hour before that, `(r − e) / sqrt(e + 1)`. The square root weighs a rise
 * by how surprising it is for a Poisson count of mean e, so a small story tripling its audience
 * outranks a big one gaining a few percent; the `+ 1` keeps a story with no history finite.
 */
export function trendingScore(recentViews: number, baseline: number): number {
  return (recentViews - baseline) / Math.sqrt(baseline + 1);
}

/** The baseline `e`: views per hour over the baseline hours. */
export function baselinePerHour(baselineViews: number): number {
  return baselineViews / TRENDING_BASELINE_HOURS;
}

/**
 * The hour buckets whose views make the baseline at `nowMs`: the 24 whole hours before the hour
 * in which the 1h window starts. The 1h window is minute-grained and the history hour-grained, so
 * the part of that hour before the window (0 to 59 minutes) counts in neither: the baseline never
 * overlaps the views it is compared with, at the price of a short gap between them.
 */
export function trendingBaselineHours(nowMs: number): Date[] {
  const windowStart = windowBucketRange(TRENDING_RECENT_WINDOW, nowMs).fromInclusive;
  const end = bucketStart(windowStart, 'hour').getTime();
  return Array.from({ length: TRENDING_BASELINE_HOURS }, (_, i) => new Date(end - (TRENDING_BASELINE_HOURS - i) * BUCKET_RESOLUTIONS.hour));
}

/** Three decimals: plenty for a reader, and short in JSON; anything not finite shows as 0. */
export function roundTrendingNumber(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
}
