import type { FeedCadence } from '../contract.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const PERIOD_SECONDS: Record<NonNullable<FeedCadence['updatePeriod']>, number> = {
  hourly: HOUR,
  daily: DAY,
  weekly: WEEK,
  monthly: 30 * DAY,
  yearly: 365 * DAY,
};

/**
 * Seconds between entries at the feed's own posting rate, or null when nothing was posted in the
 * last week. Miniflux's entry frequency: a week divided by the entries of the last week. A
 * document that holds only its latest items (most do) and reaches back less than a week has
 * been cut by the publisher's item limit, not by the week, so the rate is measured over the span
 * it does cover: 20 items from the last 5 hours mean one every 15 minutes, not one every 8 hours.
 * Fewer than two recent entries are too little to measure a span with; the week is used.
 */
export function entryIntervalSeconds(entryDates: readonly Date[], now: Date): number | null {
  const nowMs = now.getTime();
  const weekAgo = nowMs - WEEK * 1000;
  let recent = 0;
  let oldestRecent = Infinity;
  let coversWeek = false;
  for (const date of entryDates) {
    const t = date.getTime();
    if (Number.isNaN(t)) continue;
    if (t <= weekAgo) {
      coversWeek = true;
      continue;
    }
    recent++;
    oldestRecent = Math.min(oldestRecent, t);
  }
  if (recent === 0) return null;
  const spanSeconds = coversWeek || recent < 2 ? WEEK : Math.max(0, (nowMs - oldestRecent) / 1000);
  return spanSeconds / recent;
}

/**
 * The shortest interval the feed itself asks for: RSS `ttl` (minutes), `sy:updatePeriod` divided
 * by `sy:updateFrequency` (default 1), and the answer's Cache-Control max-age. Polling more often
 * than that fetches what the publisher said would not have changed.
 */
export function declaredMinimumSeconds(cadence: FeedCadence | null, maxAgeSeconds: number | null): number {
  let floor = 0;
  if (cadence?.ttlMinutes != null && cadence.ttlMinutes > 0) floor = Math.max(floor, cadence.ttlMinutes * 60);
  if (cadence?.updatePeriod != null) {
    const frequency = cadence.updateFrequency != null && cadence.updateFrequency >= 1 ? cadence.updateFrequency : 1;
    floor = Math.max(floor, PERIOD_SECONDS[cadence.updatePeriod] / frequency);
  }
  if (maxAgeSeconds != null && maxAgeSeconds > 0) floor = Math.max(floor, maxAgeSeconds);
  return floor;
}

export function clamp(seconds: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, seconds));
}
