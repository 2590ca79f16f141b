/**
 * Pieces shared by the two single-article page readers (plain text and HTML).
 */
import { formatIsoSecond, parseDateReading } from '../dates.ts';
import { noCadence, noLinks } from '../feed-hints.ts';
import type { DateOrigin, DocumentFormat, ParsedArticle, ParsedFeedInfo, ParseResult } from '../types.ts';

/** Single-line fields (title, caption, author, …) longer than this are page chrome, not data. */
export const MAX_LINE_FIELD = 1000;

export function emptyArticle(): ParsedArticle {
  return {
    guid: null,
    url: null,
    title: null,
    summary: null,
    contentHtml: null,
    author: null,
    category: null,
    tags: [],
    dateline: null,
    imageUrl: null,
    imageCaption: null,
    language: null,
    publishedAt: null,
    updatedAt: null,
    publishedAtOrigin: null,
    publishedTimeZone: null,
    warnings: [],
  };
}

/** PostgreSQL text cannot hold U+0000, and JSON-LD can smuggle it in as `\u0000`. */
export function stripNul(value: string): string {
  return value.includes('\0') ? value.replaceAll('\0', '') : value;
}

/** Controls other than whitespace mean nothing in a one-line field; U+0000 is among them. */
const CONTROL_CHARS = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

/** One visual line of text: whitespace collapsed, NUL gone, empty becomes null. */
export function cleanLine(value: string | null | undefined, max = MAX_LINE_FIELD): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

export function paragraphsToHtml(paragraphs: readonly string[]): string | null {
  const parts = paragraphs.map((p) => cleanLine(p, Number.POSITIVE_INFINITY)).filter((p) => p !== null);
  return parts.length === 0 ? null : parts.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

/**
 * Wire-style datelines: `SEOUL — `, `NEW YORK -- `, `WASHINGTON, D.C. – `, `TOKYO (Reuters) - `.
 * Only upper-case place words count, so an ordinary sentence that happens to contain a dash
 * is never mistaken for one.
 */
const DATELINE = /^(\p{Lu}[\p{Lu}\p{M}.'’-]*(?:,? \p{Lu}[\p{Lu}\p{M}.'’-]*){0,4})(?: ?\([^()]{1,40}\))? *(?:—|–|―|--| - )\s*(?=\S)/u;

export interface DatelineMatch {
  dateline: string;
  /** The paragraph without the dateline prefix. */
  rest: string;
}

/** Upper-case openers that label a story rather than place it. */
const NOT_PLACES = new Set([
  'BREAKING',
  'BREAKING NEWS',
  'UPDATE',
  'UPDATED',
  'EXCLUSIVE',
  'ANALYSIS',
  'OPINION',
  'EDITORIAL',
  'LIVE',
  'WATCH',
  'VIDEO',
  'PHOTOS',
  'CORRECTION',
  'CLARIFICATION',
  'EDITOR’S NOTE',
  "EDITOR'S NOTE",
  'NOTE',
]);

/**
 * Japanese papers' datelines: `【東京】`, `【ソウル＝共同】` (place, then the agency), or a place
 * in kanji or kana before a dash as English-language pages print them (`東京 — `).
 */
const BRACKET_DATELINE = /^【([^【】=＝\s]{1,12})(?:[=＝][^【】]{1,20})?】\s*(?=\S)/u;
const KANJI_DATELINE = /^([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー]{1,8}) ?(?:—|–|―|--| - )\s*(?=\S)/u;

export function findDateline(paragraph: string): DatelineMatch | null {
  const head = paragraph.trimStart().slice(0, 80);
  const japanese = BRACKET_DATELINE.exec(head) ?? KANJI_DATELINE.exec(head);
  if (japanese?.[1]) return { dateline: japanese[1], rest: paragraph.trimStart().slice(japanese[0].length) };
  const m = DATELINE.exec(head);
  if (!m?.[1]) return null;
  const place = m[1].replace(/,$/, '');
  if (place.replace(/[^\p{Lu}]/gu, '').length < 2 || NOT_PLACES.has(place)) return null;
  return { dateline: place, rest: paragraph.trimStart().slice(m[0].length) };
}

/**
 * Reads a date value; a value that is present but unreadable becomes null plus a warning, so a
 * publisher sees why the story fell back to first-seen time.
 */
export function readDate(raw: string | null | undefined, warnings: string[], naiveTimeZone?: string): PageDate | null {
  const text = cleanLine(raw, 200);
  if (text === null) return null;
  const reading = parseDateReading(text, naiveTimeZone);
  if (reading === null) {
    warnings.push(`unreadable date "${text.slice(0, 64)}"`);
    return null;
  }
  return { iso: formatIsoSecond(reading.date), timeZone: reading.timeZone };
}

/** A page's date as stored: ISO-8601 UTC, and the zone the page printed it in, if any. */
export interface PageDate {
  iso: string;
  timeZone: string | null;
}

/**
 * Fills publishedAt, its origin and its printed zone together so they never disagree. Whether the date can be
 * true is judged once for every format against the time of ingest (finish-page.ts); the page
 * readers still pass their clock, which is not read here.
 */
export function setPublished(article: ParsedArticle, date: PageDate | null, origin: DateOrigin, _now: Date): void {
  if (date === null) return;
  article.publishedAt = date.iso;
  article.publishedAtOrigin = origin;
  article.publishedTimeZone = date.timeZone;
}

/** Removes duplicates and blanks while keeping the publisher's order. */
export function uniqueStrings(values: Iterable<string>, max = 50): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const text = cleanLine(value, 200);
    if (text === null || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

/** Last line of defence: every string field leaves this package free of U+0000. */
function scrubArticle(a: ParsedArticle): ParsedArticle {
  const s = (v: string | null): string | null => (v === null ? null : stripNul(v));
  return {
    ...a,
    guid: s(a.guid),
    url: s(a.url),
    title: s(a.title),
    summary: s(a.summary),
    contentHtml: s(a.contentHtml),
    author: s(a.author),
    category: s(a.category),
    tags: a.tags.map(stripNul),
    dateline: s(a.dateline),
    imageUrl: s(a.imageUrl),
    imageCaption: s(a.imageCaption),
    language: s(a.language),
    publishedTimeZone: s(a.publishedTimeZone),
    warnings: a.warnings.map(stripNul),
  };
}

/**
 * `encoding` is what the caller decoded the bytes with; these readers receive text and report
 * UTF-8, which the dispatcher overwrites with the real value.
 */
export function singleArticleResult(format: DocumentFormat, article: ParsedArticle, feed: ParsedFeedInfo, warnings: string[]): ParseResult {
  return {
    format,
    feed: { title: feed.title, url: feed.url, language: feed.language },
    articles: [scrubArticle(article)],
    rejected: [],
    warnings: warnings.map(stripNul),
    encoding: 'utf-8',
    cadence: noCadence(),
    links: noLinks(),
  };
}

/** Drops a byte-order mark and unifies CRLF / CR line ends. */
export function normalizeText(text: string): string {
  return stripNul(text.replace(/^\uFEFF/, '')).replace(/\r\n?/g, '\n');
}

export function absoluteHttpUrl(raw: string | null | undefined, base: string | null | undefined): string | null {
  const text = cleanLine(raw, 4000);
  if (text === null) return null;
  const url = URL.parse(text) ?? (base ? URL.parse(text, base) : null);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}
