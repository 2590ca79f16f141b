/**
 * Line classifiers for article pages saved as plain text: which line is the date line, which
 * lines open the "popular" / "ranking" boxes a news site prints under the story, and which are
 * the `-` separators between the headlines in those boxes.
 */
import { parseDate } from '../dates.ts';

/** Date lines are short; capping first also bounds every regex below. */
const MAX_DATE_LINE = 64;

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE_SHAPE = new RegExp(
  [
    String.raw`\b${MONTH}\s+\d{1,2},?\s+\d{4}\b`, // January 13, 2025
    String.raw`\b\d{1,2}\s+${MONTH},?\s+\d{4}\b`, // 13 January 2025
    String.raw`\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b`, // 2025-01-13, 2025/01/13
    String.raw`\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b`, // 13.01.2025
    String.raw`\d{4}年\s*\d{1,2}月\s*\d{1,2}日`, // 2025年1月13日
  ].join('|'),
  'i',
);

/** `Published: …`, `Updated on …`: labels a date parser would not understand. */
const DATE_LABEL = /^(?:(?:first\s+)?published|posted|updated|last\s+updated|modified|date)\b\s*(?:on|at)?\s*[:：]?\s*/i;
const UPDATED_LABEL = /^(?:last\s+)?(?:updated|modified)\b/i;

export interface DateLine {
  published: string;
  updated: string | null;
}

/**
 * A date line, possibly with an update time after a bar (`… | Updated 19:05 JST, …`), or null
 * when the line is something else. A line shaped like a date that the date parser cannot read
 * still counts, so its value can be reported as unreadable instead of leaking into the body.
 */
export function readDateLine(line: string): DateLine | null {
  if (line.length > MAX_DATE_LINE * 2 || !/\d/.test(line)) return null;
  const parts = line.split(/\s+[|｜]\s+/);
  const first = parts[0] ?? '';
  const published = first.replace(DATE_LABEL, '').trim();
  if (published.length > MAX_DATE_LINE || !isDateLike(published)) return null;
  if (UPDATED_LABEL.test(first)) return { published: '', updated: published };
  const second = parts[1];
  const updated = second !== undefined && UPDATED_LABEL.test(second) ? second.replace(DATE_LABEL, '').trim() : null;
  return { published, updated };
}

/**
 * A line the date parser reads, or one that is a date plus only date-like leftovers (times,
 * zone abbreviations, weekdays), such as `18:42 XYZ, January 13, 2025`. A caption that merely
 * mentions a date (`Seoul on January 13, 2025`) is not a date line.
 */
function isDateLike(text: string): boolean {
  if (text === '' || text.length > MAX_DATE_LINE) return false;
  if (parseDate(text) !== null) return true;
  const match = DATE_SHAPE.exec(text);
  if (!match) return false;
  const rest = (text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length)).split(/[\s,()]+/);
  return rest.every(
    (t) => t === '' || /\d/.test(t) || /^[A-Z]{1,5}$/.test(t) || /^(?:[ap]\.?m\.?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)$/i.test(t),
  );
}

export interface BoxHeader {
  /** The category a "`"Politics" POPULAR ARTICLE`" box names, if any. */
  category: string | null;
}

const POPULAR_BOX = /^(?:["“”'‘’「『]?([^"“”'‘’」』]{1,40}?)["“”'‘’」』]?\s+)?(?:POPULAR ARTICLES?|Popular Articles?)$/;
const OTHER_BOX =
  /^(?:\S.{0,40}\s)?(?:ACCESS RANKING|Access Ranking|MOST (?:READ|VIEWED|POPULAR)|Most (?:Read|Viewed|Popular)|RELATED (?:ARTICLES|STORIES))$/;

/** The header line of a box of headlines printed around the story, or null. */
export function readBoxHeader(line: string): BoxHeader | null {
  if (line.length > 80) return null;
  const popular = POPULAR_BOX.exec(line);
  if (popular) return { category: popular[1]?.trim() || null };
  return OTHER_BOX.test(line) ? { category: null } : null;
}

/** `-`, `—`, `・`, `*****`: the rules between headlines in those boxes. */
export function isSeparator(line: string): boolean {
  return line !== '' && line.length <= 40 && /^[-‐‑‒–—―・•*=_~\s]+$/.test(line);
}

/**
 * Index just past a box whose header is at `header`. Boxes either alternate separators and
 * headlines, or list headlines up to the next blank line.
 */
export function skipBox(lines: readonly string[], header: number): number {
  let i = header + 1;
  const skipBlank = (): void => {
    while (i < lines.length && lines[i] === '') i++;
  };
  skipBlank();
  if (!isSeparator(lines[i] ?? '')) {
    while (i < lines.length && lines[i] !== '' && readBoxHeader(lines[i] ?? '') === null) i++;
    return i;
  }
  while (i < lines.length && isSeparator(lines[i] ?? '')) {
    i++;
    skipBlank();
    const headline = lines[i];
    if (headline !== undefined && !isSeparator(headline) && readBoxHeader(headline) === null) i++;
    const afterHeadline = i;
    skipBlank();
    if (!isSeparator(lines[i] ?? '')) return afterHeadline;
  }
  return i;
}

/** A by-line between title and date: `By Jane Doe`, `By Jane Doe / Yomiuri Shimbun Staff Writer`. */
export function readByline(line: string): string | null {
  const m = /^by\s+(\S.{0,120})$/i.exec(line);
  return m?.[1] ? m[1].trim() : null;
}

/** A line that reads like prose: long enough and ending the way sentences end. */
export function isProseLine(line: string): boolean {
  return line.length >= 40 && /\s/.test(line) && /[.!?。！？"”’)]$/.test(line);
}
