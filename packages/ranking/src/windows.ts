import { RANKING_WINDOWS, type RankingWindow } from '@newsrank/wire';

// The API names the windows (@newsrank/wire); each has its length here.
export { RANKING_WINDOWS, type RankingWindow };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const WINDOW_MS = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
} as const satisfies Record<RankingWindow, number>;

export const BUCKET_RESOLUTIONS = { minute: MINUTE_MS, hour: HOUR_MS } as const;
export type BucketResolution = keyof typeof BUCKET_RESOLUTIONS;

/** Views older than this can never appear in any list, so they need not be stored at all. */
export const longestWindowMs: number = Math.max(...RANKING_WINDOWS.map((w) => WINDOW_MS[w]));

export function parseWindow(s: unknown): RankingWindow | null {
  // includes() on the tuple, not `s in WINDOW_MS`, so "toString" and friends are not windows.
  return typeof s === 'string' && (RANKING_WINDOWS as readonly string[]).includes(s) ? (s as RankingWindow) : null;
}

export function windowMs(w: RankingWindow): number {
  return WINDOW_MS[w];
}

export function resolutionForWindow(w: RankingWindow): BucketResolution {
  // Minute buckets keep the 1h list smooth; hour buckets keep a 30d sum at 720 rows per article.
  return w === '1h' ? 'minute' : 'hour';
}

function toEpochMs(t: Date | number): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(t)}`);
  return ms;
}

/**
 * Start of the UTC bucket holding `t`. Pure epoch arithmetic: both resolutions divide a UTC day
 * evenly and epoch milliseconds ignore leap seconds and DST, so no calendar code is needed.
 * Math.floor (not truncation) keeps instants before 1970 in the right bucket.
 */
export function bucketStart(t: Date | number, resolution: BucketResolution): Date {
  const size = BUCKET_RESOLUTIONS[resolution];
  return new Date(Math.floor(toEpochMs(t) / size) * size);
}

export type WindowBucketRange = {
  resolution: BucketResolution;
  fromInclusive: Date;
  toExclusive: Date;
};

/**
 * The buckets whose counts make up window `w` at `now`: the last N buckets of the window's
 * resolution, the newest being the current, still-filling one (N = 60 minutes for 1h; 24, 168 and
 * 720 hours for 24h, 7d and 30d). Sum rows with fromInclusive <= bucket_start < toExclusive.
 *
 * This is the documented approximation of "occurredAt inside the window": whole buckets are
 * counted or dropped, so the history covered is between N-1 and N buckets long (59–60 minutes
 * for 1h, 23–24 hours for 24h). Views in the current partial bucket always count, so a fresh view
 * shows up at once; the oldest bucket leaves the window as a whole when the next one begins,
 * which keeps every list a plain indexed range sum instead of a per-event scan.
 */
export function windowBucketRange(w: RankingWindow, now: Date | number): WindowBucketRange {
  const resolution = resolutionForWindow(w);
  const size = BUCKET_RESOLUTIONS[resolution];
  const toExclusive = bucketStart(now, resolution).getTime() + size;
  return {
    resolution,
    fromInclusive: new Date(toExclusive - WINDOW_MS[w]),
    toExclusive: new Date(toExclusive),
  };
}

export type EventTimeVerdict = 'ok' | 'future' | 'too-old' | 'past-dedup-horizon';

/** How far ahead of the clock an event's time may be when it is accepted. */
export const EVENT_CLOCK_SKEW_MS = 60_000;

/**
 * Whether a view claiming to have happened at `occurredAt` may be counted at `now`. Browser
 * clocks drift, so a little future is tolerated; beyond `maxSkewMs` a client could park views in
 * buckets that only enter the window later. Views older than the longest window would land in no
 * list ('too-old'), and views older than `dedupRetentionMs`, the dedup horizon, when that is
 * shorter ('past-dedup-horizon') could count twice: the records of their eventIds are kept only
 * about that long after they were counted, so a retry could no longer be told from a first copy.
 * Throws RangeError for an invalid instant: callers validate input before this point.
 */
export function isAcceptableEventTime(
  occurredAt: Date | number,
  now: Date | number,
  { maxSkewMs = EVENT_CLOCK_SKEW_MS, dedupRetentionMs = Infinity }: { maxSkewMs?: number; dedupRetentionMs?: number } = {},
): EventTimeVerdict {
  const age = toEpochMs(now) - toEpochMs(occurredAt);
  if (age < -maxSkewMs) return 'future';
  if (age > longestWindowMs) return 'too-old';
  if (age > dedupRetentionMs) return 'past-dedup-horizon';
  return 'ok';
}
