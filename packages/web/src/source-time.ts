/**
 * Which time zone an article's own page would print its time in, why, and that printed time.
 * The operator's SOURCE_TIME_ZONES always wins: it is an explicit choice for the whole source.
 * Then the zone the article printed its time in, which is the source's own word; then the
 * article's evidence (a Japanese dateline, a language spoken in one zone, a country-code
 * domain: see @newsrank/core), the same the parser read a zone-less local time with; then UTC.
 */
import { inferTimeZone, zoneOffsetAt, type InferredZone, type ZoneEvidence } from '@newsrank/core';

// ICU's English names most Asian zones "GMT+9"; readers of those papers know them by these.
const ABBREVIATIONS: Record<string, string> = {
  'Asia/Tokyo': 'JST',
  'Asia/Seoul': 'KST',
  'Asia/Shanghai': 'CST',
  'Asia/Taipei': 'CST',
  'Asia/Hong_Kong': 'HKT',
  'Asia/Singapore': 'SGT',
  'Asia/Kolkata': 'IST',
};

export interface ArticleOrigin {
  source: string;
  language: string | null;
  url: string | null;
  dateline?: string | null;
  /** The zone the article printed its publication time in, if any. */
  timeZone?: string | null;
  publishedAt?: string | null;
}

/** `offset` is set when the article printed only an offset, named here by the inferred zone. */
export type ZoneBasis = { kind: 'configured'; source: string } | { kind: 'printed'; offset?: string } | ZoneEvidence | { kind: 'unknown' };

export interface SourceZone {
  timeZone: string;
  basis: ZoneBasis;
}

export function sourceZone(article: ArticleOrigin, configured: Readonly<Record<string, string>>): SourceZone {
  const byConfig = configured[article.source];
  if (byConfig) return { timeZone: byConfig, basis: { kind: 'configured', source: article.source } };
  const inferred = inferTimeZone({ dateline: article.dateline ?? null, language: article.language, url: article.url });
  const printed = article.timeZone ? printedZone(article.timeZone, inferred, article.publishedAt ?? null) : null;
  if (printed) return printed;
  return inferred ? { timeZone: inferred.timeZone, basis: inferred.evidence } : { timeZone: 'UTC', basis: { kind: 'unknown' } };
}

const FIXED_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * A printed offset (`+09:00`) says the clock but no place; when the inferred zone keeps that
 * clock at that moment, its name (JST) reads better than `GMT+9` and says the same. A zone this
 * runtime does not know is ignored rather than failing the page.
 */
function printedZone(timeZone: string, inferred: InferredZone | null, publishedAt: string | null): SourceZone | null {
  if (!knownZone(timeZone)) return null;
  if (!FIXED_OFFSET.test(timeZone) || !inferred || publishedAt === null) return { timeZone, basis: { kind: 'printed' } };
  const instant = Date.parse(publishedAt);
  const agrees = Number.isFinite(instant) && zoneOffsetAt(instant, timeZone) === zoneOffsetAt(instant, inferred.timeZone);
  return agrees ? { timeZone: inferred.timeZone, basis: { kind: 'printed', offset: timeZone } } : { timeZone, basis: { kind: 'printed' } };
}

function knownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function sourceTimeZone(article: ArticleOrigin, configured: Readonly<Record<string, string>>): string {
  return sourceZone(article, configured).timeZone;
}

export function zoneName(instant: Date, timeZone: string): string {
  const fixed = ABBREVIATIONS[timeZone];
  if (fixed) return fixed;
  // en-US knows American abbreviations (EST), en-GB European ones (CET, BST): take a real name if either has one.
  const names = ['en-US', 'en-GB'].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
        .formatToParts(instant)
        .find((part) => part.type === 'timeZoneName')?.value ?? timeZone,
  );
  return names.find((name) => !name.startsWith('GMT+') && !name.startsWith('GMT-')) ?? names[0] ?? timeZone;
}

/** `18:42 JST, January 13, 2025`: the form news pages print their timestamps in. */
export function formatSourceTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${zoneName(instant, timeZone)}, ${part('month')} ${part('day')}, ${part('year')}`;
}

/** `Japan Standard Time`, as the zone is called at that moment (summer and winter names differ). */
export function longZoneName(instant: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name ?? timeZone;
}
