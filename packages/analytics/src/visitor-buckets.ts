const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const VISITOR_UNITS = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS } as const;
export type VisitorUnit = keyof typeof VISITOR_UNITS;

/** One HyperLogLog: the visitors of one article (or the site) in one UTC minute, hour or day. */
export interface VisitorBucket {
  unit: VisitorUnit;
  startMs: number;
}

/**
 * How long each set is kept: minutes for the 1h window (plus a margin for late events), hours
 * for the 24h and 7d windows and hourly series, days for 30d and the daily series and export.
 */
export const VISITOR_SET_TTL_MS: Record<VisitorUnit, number> = { minute: 2 * HOUR_MS, hour: 8 * DAY_MS, day: 32 * DAY_MS };

/** Hour sets are read only this far back; older parts of a range are counted by whole days. */
export const HOUR_SETS_READ_MS = 7 * DAY_MS;

/** The sets one counted view is added to. */
export function bucketsOfView(occurredAtMs: number): VisitorBucket[] {
  return (['minute', 'hour', 'day'] as const).map((unit) => ({
    unit,
    startMs: Math.floor(occurredAtMs / VISITOR_UNITS[unit]) * VISITOR_UNITS[unit],
  }));
}

/**
 * The fewest sets whose union is the visitors of [fromMs, toMs): whole UTC days where the range
 * covers them, then whole hours, then minutes. A part of the range older than `hourSetsFromMs`
 * (whose hour sets have expired) is counted by the whole day holding it: a 30d count then takes
 * in up to a day more at its old end, never less. Ranges are minute-aligned (the windows are).
 */
export function bucketsCovering(fromMs: number, toMs: number, hourSetsFromMs: number): VisitorBucket[] {
  const buckets: VisitorBucket[] = [];
  let t = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  while (t < toMs) {
    if (t % DAY_MS === 0 && t + DAY_MS <= toMs) {
      buckets.push({ unit: 'day', startMs: t });
      t += DAY_MS;
    } else if (t < hourSetsFromMs) {
      const day = Math.floor(t / DAY_MS) * DAY_MS;
      buckets.push({ unit: 'day', startMs: day });
      t = day + DAY_MS;
    } else if (t % HOUR_MS === 0 && t + HOUR_MS <= toMs) {
      buckets.push({ unit: 'hour', startMs: t });
      t += HOUR_MS;
    } else {
      buckets.push({ unit: 'minute', startMs: t });
      t += MINUTE_MS;
    }
  }
  return buckets;
}
