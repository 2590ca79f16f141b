/**
 * Feed date parsing. `Date.parse` is deliberately not used: it rolls 31 February into March,
 * reads year 0000 as 2000 and knows none of the regional zone abbreviations feeds use.
 */

import { zoneOffsetForLocalTime } from '@newsrank/core';
import { printedTimeZone } from './printed-zone.ts';

export { formatIsoSecond } from '@newsrank/core';

/** Longer inputs are not dates; the cap also bounds every regex below. */
const MAX_DATE_LENGTH = 64;

/** Offsets in minutes east of UTC. Ambiguous abbreviations take their most common reading. */
const ZONES: ReadonlyMap<string, number> = new Map<string, number>([
  ['UT', 0],
  ['UTC', 0],
  ['GMT', 0],
  ['Z', 0],
  ['ETC/GMT', 0],
  ['ETC/UTC', 0],
  ['WET', 0],
  // North America (RFC 822 names plus the Atlantic, Alaska and Hawaii zones).
  ['EST', -300],
  ['EDT', -240],
  ['CST', -360],
  ['CDT', -300],
  ['MST', -420],
  ['MDT', -360],
  ['PST', -480],
  ['PDT', -420],
  ['AST', -240],
  ['ADT', -180],
  ['AKST', -540],
  ['AKDT', -480],
  ['HST', -600],
  ['NST', -210],
  ['NDT', -150],
  // Europe. BST is British Summer Time; IST is India (the most frequent reading in news feeds).
  ['BST', 60],
  ['WEST', 60],
  ['CET', 60],
  ['MET', 60],
  ['CEST', 120],
  ['MEST', 120],
  ['EET', 120],
  ['EEST', 180],
  ['MSK', 180],
  // Africa, Asia, Oceania.
  ['CAT', 120],
  ['SAST', 120],
  ['EAT', 180],
  ['IST', 330],
  ['PKT', 300],
  ['ICT', 420],
  ['WIB', 420],
  ['HKT', 480],
  ['SGT', 480],
  ['PHT', 480],
  ['AWST', 480],
  ['MYT', 480],
  ['JST', 540],
  ['KST', 540],
  ['ACST', 570],
  ['ACDT', 630],
  ['AEST', 600],
  ['AEDT', 660],
  ['NZST', 720],
  ['NZDT', 780],
]);

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1]),
);
const MONTH_ALIASES: ReadonlyMap<string, string> = new Map([
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['sept', 'sep'],
  ['september', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
]);
const DAY_NAMES = new Set([
  'mon',
  'tue',
  'tues',
  'wed',
  'weds',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC; null when the value names no zone or offset. */
  offset: number | null;
  /** The zone text the offset was read from (`JST`, `+0900`); null with the offset. */
  zone: string | null;
}

/** A date and the zone it was printed in (see printed-zone.ts); null when it printed none. */
export interface DateReading {
  date: Date;
  timeZone: string | null;
}

/**
 * Parses the date forms feeds and article pages use; anything doubtful is null, never a guess.
 * A value without a zone or offset is read in `naiveTimeZone` (an IANA zone the caller has
 * evidence for), else as UTC.
 */
export function parseDate(raw: string | number, naiveTimeZone?: string): Date | null {
  return parseDateReading(raw, naiveTimeZone)?.date ?? null;
}

/**
 * parseDate, plus the zone the value printed. A time read in `naiveTimeZone` printed none: that
 * zone is the caller's inference, not the source's word.
 */
export function parseDateReading(raw: string | number, naiveTimeZone?: string): DateReading | null {
  if (typeof raw === 'number') return epochReading(raw);
  const text = raw.trim();
  if (text === '' || text.length > MAX_DATE_LENGTH) return null;
  if (/^\d{9,10}$/.test(text) || /^\d{12,13}$/.test(text)) return epochReading(Number(text));
  const parts = parseRfc822(text) ?? parseIso(text) ?? parseWords(text);
  const date = parts ? build(parts, naiveTimeZone) : null;
  if (parts === null || date === null) return null;
  const timeZone = parts.zone === null || parts.offset === null ? null : printedTimeZone(parts.zone, parts.offset, date);
  return { date, timeZone };
}

function epochReading(n: number): DateReading | null {
  const date = fromEpoch(n);
  return date === null ? null : { date, timeZone: null };
}

function fromEpoch(n: number): Date | null {
  if (!Number.isFinite(n) || n < 0) return null;
  // Below 1e11 a value is seconds (up to year 5138); above it, milliseconds.
  const ms = n < 1e11 ? n * 1000 : n;
  const d = new Date(Math.floor(ms));
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999 ? null : d;
}

/** The canonical RFC 822 shape most feeds use, read without tokenising. */
const RFC822 = /^(?:([A-Za-z]{3}), )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UTC?|Z)$/;

function parseRfc822(text: string): Parts | null {
  const m = RFC822.exec(text);
  if (!m || (m[1] !== undefined && !DAY_NAMES.has(m[1].toLowerCase()))) return null;
  const month = MONTHS.get(m[3]!.toLowerCase());
  const offset = parseZone(m[8]!);
  if (month === undefined || offset === null) return null;
  return {
    year: Number(m[4]),
    month,
    day: Number(m[2]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: Number(m[7]),
    offset,
    zone: m[8]!,
  };
}

const ISO_EXTENDED =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** W3C-DTF / ISO 8601 calendar dates. */
function parseIso(text: string): Parts | null {
  const m = ISO_EXTENDED.exec(text) ?? ISO_BASIC.exec(text);
  if (!m) return null;
  const offset = m[7] === undefined ? null : parseOffset(m[7]);
  if (m[7] !== undefined && offset === null) return null;
  return {
    year: Number(m[1]),
    month: m[2] === undefined ? 1 : Number(m[2]),
    day: m[3] === undefined ? 1 : Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    offset,
    zone: m[7] ?? null,
  };
}

/** `+0900`, `+09:00`, `+09`, `-0500`, `Z`. */
function parseOffset(token: string): number | null {
  if (token === 'Z' || token === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(token);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 18 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** A zone name, a numeric offset, `GMT+9` / `UTC+09:00`, or a military letter. */
function parseZone(token: string): number | null {
  const upper = token.toUpperCase();
  const named = ZONES.get(upper);
  if (named !== undefined) return named;
  if (/^[+-]\d{2}(?::?\d{2})?$/.test(token)) return parseOffset(token);
  const prefixed = /^(?:GMT|UTC|UT)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(upper);
  if (prefixed) {
    return parseOffset(`${prefixed[1]}${prefixed[2]!.padStart(2, '0')}${prefixed[3] ?? '00'}`);
  }
  if (/^[A-IK-Y]$/.test(upper)) {
    // RFC 1123 §5.2.14: RFC 822 printed the military zones with reversed signs; A is UTC+1.
    const code = upper.charCodeAt(0);
    if (upper <= 'I') return (code - 64) * 60;
    if (upper <= 'M') return (code - 65) * 60;
    return -(code - 77) * 60;
  }
  return null;
}

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.get(MONTH_ALIASES.get(lower) ?? lower);
}

/**
 * Word-ordered dates: RFC 822/1123/850 (`Mon, 13 Jan 2025 18:42:00 +0900`), US order
 * (`January 13, 2025 6:42 PM EST`), time first (`18:42 JST, January 13, 2025`), slashed
 * (`2006/09/15 08:19:53 EDT`) and asctime (`Mon Jan 13 18:42:00 2025`). Every token must be
 * understood; an unknown word makes the whole value unreadable.
 */
function parseWords(text: string): Parts | null {
  const spaced = text
    .replace(/^(\d{4}-\d{2}-\d{2})T(?=\d)/, '$1 ')
    .replace(/(\d)-([A-Za-z])/g, '$1 $2')
    .replace(/([A-Za-z])-(\d)/g, '$1 $2')
    .replace(/[(),]/g, ' ');
  const tokens = spaced.split(/\s+/).filter((t) => t !== '');
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let time: { hour: number; minute: number; second: number } | undefined;
  let offset: number | undefined;
  let zone: string | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  const numbers: string[] = [];

  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (DAY_NAMES.has(lower.replace(/\.$/, ''))) continue;
    if (lower === 'am' || lower === 'a.m.' || lower === 'pm' || lower === 'p.m.') {
      meridiem = lower.startsWith('a') ? 'am' : 'pm';
      continue;
    }
    const m = monthNumber(token);
    if (m !== undefined && month === undefined) {
      month = m;
      continue;
    }
    const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(token);
    if (ymd && year === undefined) {
      [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
      continue;
    }
    const clock = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(am|pm)?([+-]\d{2}:?\d{2}|Z)?$/i.exec(token);
    if (clock && time === undefined) {
      time = { hour: Number(clock[1]), minute: Number(clock[2]), second: Number(clock[3] ?? 0) };
      if (clock[4]) meridiem = clock[4].toLowerCase() as 'am' | 'pm';
      if (clock[5]) {
        const glued = parseOffset(clock[5]);
        if (glued === null) return null;
        offset = glued;
        zone = clock[5];
      }
      continue;
    }
    if (/^\d{1,4}$/.test(token)) {
      numbers.push(token);
      continue;
    }
    const parsed = parseZone(token);
    if (parsed !== null) {
      // A zone name after a numeric offset (`+0900 JST`) only repeats it, but names the place.
      offset ??= parsed;
      if (zone === undefined || /^[A-Za-z]{2,}$/.test(token)) zone = token;
      continue;
    }
    return null;
  }

  for (const n of numbers) {
    if (n.length >= 3 && year === undefined) year = expandYear(n);
    else if (day === undefined) day = Number(n);
    else if (year === undefined) year = expandYear(n);
    else return null;
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  let hour = time?.hour ?? 0;
  if (meridiem !== undefined) {
    if (time === undefined || hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return {
    year,
    month,
    day,
    hour,
    minute: time?.minute ?? 0,
    second: time?.second ?? 0,
    offset: offset ?? null,
    zone: zone ?? null,
  };
}

/** RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900. */
function expandYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  if (digits.length === 3) return 1900 + n;
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function build(p: Parts, naiveTimeZone: string | undefined): Date | null {
  if (p.year < 1 || p.year > 9999 || p.month < 1 || p.month > 12) return null;
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  // setUTCFullYear, unlike Date.UTC, does not move years 0–99 into the 1900s.
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  // A leap second (:60) is read as the last second of its minute.
  d.setUTCHours(p.hour, p.minute, Math.min(p.second, 59), 0);
  const offset = p.offset ?? (naiveTimeZone ? zoneOffsetForLocalTime(d.getTime(), naiveTimeZone) : 0);
  const ms = d.getTime() - offset * 60_000;
  return Number.isNaN(ms) ? null : new Date(ms);
}
