import { z } from 'zod';

/** Source slug → IANA time zone, for printing an article's time as its source prints it. */
export type SourceTimeZones = Readonly<Record<string, string>>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `japan-news=Asia/Tokyo,wire=UTC`; empty by default (the reader page then guesses or shows UTC). */
export const sourceTimeZones = z
  .string()
  .default('')
  .transform((raw, ctx): SourceTimeZones => {
    const zones: Record<string, string> = Object.create(null);
    for (const pair of raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0)) {
      const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(pair);
      if (!match?.[1] || !match[2] || !isTimeZone(match[2])) {
        ctx.addIssue({ code: 'custom', message: `expected source=Area/City pairs such as japan-news=Asia/Tokyo, got "${pair}"` });
        return z.NEVER;
      }
      zones[match[1].toLowerCase()] = match[2];
    }
    return zones;
  });
