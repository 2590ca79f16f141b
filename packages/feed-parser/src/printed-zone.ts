/**
 * The zone a date was printed in, kept so the reader page can print the time back as the source
 * did. An abbreviation that names one zone becomes that IANA zone; anything else that fixes the
 * offset (a numeric offset, an ambiguous abbreviation, `GMT+9`, a military letter) becomes the
 * fixed-offset zone it was read as (`+09:00`), which Intl formats as `GMT+9`: the offset is
 * known, the place is not, and no place is guessed.
 */
import { zoneOffsetAt } from '@newsrank/core';

/**
 * Abbreviations whose every common reading is one set of rules. CST (US Central, China, Cuba),
 * IST (India, Ireland, Israel) and AST (Atlantic, Arabia) are missing on purpose. The European
 * ones name IANA's own CET/EET/WET zones: many countries share them and none is more right.
 */
const NAMED_ZONES: ReadonlyMap<string, string> = new Map([
  ['EST', 'America/New_York'],
  ['EDT', 'America/New_York'],
  ['MST', 'America/Denver'],
  ['MDT', 'America/Denver'],
  ['PST', 'America/Los_Angeles'],
  ['PDT', 'America/Los_Angeles'],
  ['ADT', 'America/Halifax'],
  ['AKST', 'America/Anchorage'],
  ['AKDT', 'America/Anchorage'],
  ['HST', 'Pacific/Honolulu'],
  ['NST', 'America/St_Johns'],
  ['NDT', 'America/St_Johns'],
  ['BST', 'Europe/London'],
  ['WET', 'WET'],
  ['WEST', 'WET'],
  ['CET', 'CET'],
  ['CEST', 'CET'],
  ['MET', 'CET'],
  ['MEST', 'CET'],
  ['EET', 'EET'],
  ['EEST', 'EET'],
  ['MSK', 'Europe/Moscow'],
  ['CAT', 'Africa/Maputo'],
  ['SAST', 'Africa/Johannesburg'],
  ['EAT', 'Africa/Nairobi'],
  ['PKT', 'Asia/Karachi'],
  ['ICT', 'Asia/Bangkok'],
  ['WIB', 'Asia/Jakarta'],
  ['HKT', 'Asia/Hong_Kong'],
  ['SGT', 'Asia/Singapore'],
  ['PHT', 'Asia/Manila'],
  ['MYT', 'Asia/Kuala_Lumpur'],
  ['AWST', 'Australia/Perth'],
  ['JST', 'Asia/Tokyo'],
  ['KST', 'Asia/Seoul'],
  ['ACST', 'Australia/Adelaide'],
  ['ACDT', 'Australia/Adelaide'],
  ['AEST', 'Australia/Sydney'],
  ['AEDT', 'Australia/Sydney'],
  ['NZST', 'Pacific/Auckland'],
  ['NZDT', 'Pacific/Auckland'],
]);

/**
 * `token` is the zone text the date carried (`JST`, `+0900`, `Z`) and `offset` the minutes east
 * of UTC it was read as. Null for UTC in any spelling: feeds write GMT and `Z` as the way to
 * serialise an instant whatever the newsroom's clock says, so it is no evidence of a zone and
 * must not outrank what the article's dateline or language say.
 */
export function printedTimeZone(token: string, offset: number, instant: Date): string | null {
  if (offset === 0) return null;
  const named = NAMED_ZONES.get(token.toUpperCase());
  // EST printed in July, or AEST from Brisbane in January, is not the named zone's rule at that
  // moment: the offset is what the time was read with, so the offset is what is kept.
  if (named !== undefined && zoneOffsetAt(instant.getTime(), named) === offset) return named;
  return fixedOffsetZone(offset);
}

/** `+09:00`, `-03:30`: the offset form Intl.DateTimeFormat accepts as a time zone. */
export function fixedOffsetZone(offset: number): string {
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
