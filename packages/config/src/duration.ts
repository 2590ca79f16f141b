const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;
export const DURATION_UNITS = Object.keys(UNIT_MS) as DurationUnit[];

/** A duration read: its milliseconds, or why it could not be read. */
export type DurationReading = { ok: true; ms: number } | { ok: false; problem: 'needs-unit' | 'unreadable' };

/**
 * Reads `250ms`, `30s`, `6h`, `7d`, `1.5h`. A bare number is refused as `needs-unit`: `6` meant
 * as hours and taken as milliseconds passes silently and is wrong by a factor of millions.
 * Zero needs no unit, being zero in all of them.
 */
export function readDuration(raw: string): DurationReading {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(raw);
  if (!match) return { ok: false, problem: 'unreadable' };
  const amount = Number(match[1]);
  const unit = match[2] as DurationUnit | undefined;
  if (unit === undefined) return amount === 0 ? { ok: true, ms: 0 } : { ok: false, problem: 'needs-unit' };
  const ms = amount * UNIT_MS[unit];
  return Number.isFinite(ms) ? { ok: true, ms } : { ok: false, problem: 'unreadable' };
}

/** A positive duration with its unit (`6h`), in milliseconds; null when unreadable, bare or zero. */
export function parseDurationMs(raw: string): number | null {
  const reading = readDuration(raw);
  return reading.ok && reading.ms > 0 ? reading.ms : null;
}
