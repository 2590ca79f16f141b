const HOUR_MS = 3_600_000;
const MAX_STEPS = 24 * 8;

/**
 * The first moment at or after `at` outside the feed's RSS skipHours (GMT hours) and skipDays
 * (0 = Sunday): a skipped hour moves to the start of the next hour, a skipped day to the next
 * midnight GMT. A feed that skips every hour or every day asks for nothing sensible and is
 * fetched at `at`.
 */
export function outsideSkipTimes(at: Date, skipHours: readonly number[], skipDays: readonly number[]): Date {
  const hours = new Set(skipHours.filter((h) => Number.isInteger(h) && h >= 0 && h <= 23));
  const days = new Set(skipDays.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  if (hours.size === 24 || days.size === 7 || (hours.size === 0 && days.size === 0)) return at;
  let t = at.getTime();
  for (let step = 0; step < MAX_STEPS; step++) {
    const date = new Date(t);
    if (days.has(date.getUTCDay())) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
    } else if (hours.has(date.getUTCHours())) {
      t = Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS;
    } else {
      return date;
    }
  }
  return at;
}
