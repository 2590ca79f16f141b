/**
 * Dates that cannot be true. A story published "tomorrow" would sit at the top of every
 * newest-first list; one from before 1970 is a zero or a typo. Neither is stored: the field
 * becomes null with a warning, and the article is ordered and shown by the time it was ingested.
 */

/** Clock skew and zone mistakes a publisher may make without lying. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const EARLIEST_MS = Date.UTC(1970, 0, 1);

export type DateField = 'publishedAt' | 'updatedAt';

/**
 * Null when the date may be true; otherwise the warning to record. `ingestedAt` is when the
 * document reached the service, passed in so the decision does not depend on when it is parsed.
 */
export function untrustedDateWarning(date: Date, field: DateField, raw: string | (() => string), ingestedAt: Date): string | null {
  const ms = date.getTime();
  const shown = () => (typeof raw === 'string' ? raw : raw());
  if (ms - ingestedAt.getTime() > FUTURE_TOLERANCE_MS) return `${field} "${shown()}" is more than a day after ingest; not stored`;
  if (ms < EARLIEST_MS) return `${field} "${shown()}" is before 1970; not stored`;
  return null;
}

/** Years no date parser accepts but publishers write (`0000-00-00`, `10000-01-01`). */
const IMPOSSIBLE_YEAR = /(?:^|[^\d])(?:0000|\d{5,})(?:[^\d]|$)/;

/** The warning for a value that did not parse: an impossible year is named as such. */
export function unreadableDateWarning(field: DateField, raw: string): string {
  return IMPOSSIBLE_YEAR.test(raw) && !/^\d+$/.test(raw)
    ? `${field} "${raw}" has an impossible year; not stored`
    : `unreadable date "${raw}"`;
}
