import { withoutTrackingParams } from '@newsrank/core';
import { untrustedDateWarning, unreadableDateWarning, type DateField } from './date-trust.ts';
import { formatIsoSecond, parseDateReading, type DateReading } from './dates.ts';
import { deriveTitle } from './derive-title.ts';
import type { RawItem, TextType } from './raw-item.ts';
import { resolveUrl, sanitizeHtml, toPlainSummary, toPlainText, truncatePlain } from './sanitize.ts';
import { containsHtml, looksLikeHtml } from './text-kind.ts';
import { cleanLine, stripInvalidChars } from './text.ts';
import type { ParsedArticle, ParsedFeedInfo } from './types.ts';

export interface NormalizeContext {
  /** When the document reached the service: dates more than a day after it are not stored. */
  ingestedAt: Date;
  feedLanguage: string | null;
}

/** Cleans one item into an article, or throws an Error whose message is the rejection reason. */
export function normalizeItem(raw: RawItem, ctx: NormalizeContext): ParsedArticle {
  if (isEmptyItem(raw)) throw new Error('the item is empty');
  const warnings: string[] = [];
  const guid = cleanLine(raw.guid);
  const link = articleUrl(raw.link, raw.base);
  const url = link === null ? null : withoutTrackingParams(link);
  const contentHtml = raw.content === null ? null : toHtml(raw.content, raw.contentType, raw.base);
  const summarySource = raw.summary ?? raw.content;
  const summaryType = raw.summary !== null ? raw.summaryType : raw.contentType;
  const summary =
    summarySource === null
      ? null
      : isHtml(summarySource, summaryType, containsHtml)
        ? toPlainSummary(summarySource)
        : truncatePlain(cleanLine(summarySource));
  const published = readDate(raw.published, 'publishedAt', ctx.ingestedAt, warnings);
  const updated = readDate(raw.updated, 'updatedAt', ctx.ingestedAt, warnings);
  const publishedAt = published ?? updated;
  const tags = uniqueTags(raw.tags, raw.plainType);
  const imageUrl = raw.imageUrl === null ? null : articleUrl(raw.imageUrl, raw.base);
  const imageCaption = plainText(raw.imageCaption, raw.imageCaptionType);
  let title = plainText(raw.title, raw.titleType);
  if (title === null) {
    const derived = deriveTitle({ text: summary, imageCaption, url, guid, mediaUrl: articleUrl(raw.mediaUrl, raw.base), imageUrl });
    title = derived.title;
    warnings.push(derived.warning);
  }
  return {
    guid,
    url,
    title,
    summary,
    contentHtml: contentHtml === '' ? null : contentHtml,
    author: firstAuthor(raw.authors, raw.plainType),
    category: plainText(raw.category, raw.plainType) ?? tags[0] ?? null,
    tags,
    dateline: cleanLine(raw.dateline),
    imageUrl,
    imageCaption,
    language: normalizeLanguage(raw.language) ?? ctx.feedLanguage,
    publishedAt: publishedAt === null ? null : formatIsoSecond(publishedAt.date),
    updatedAt: updated === null ? null : formatIsoSecond(updated.date),
    publishedAtOrigin: publishedAt === null ? null : 'feed',
    publishedTimeZone: publishedAt?.timeZone ?? null,
    warnings,
  };
}

function isHtml(value: string, type: TextType, guess: (value: string) => boolean): boolean {
  return type === 'auto' ? guess(value) : type === 'html';
}

/**
 * A one-line plain-text field. HTML has its tags removed and its references decoded; text is
 * kept as the characters it is, so an escaped `&lt;/example&gt;` stays `</example>`.
 */
export function plainText(value: string | null, type: TextType): string | null {
  if (value === null) return null;
  return isHtml(value, type, looksLikeHtml) ? toPlainText(value) : cleanLine(value);
}

export function feedInfo(
  title: string | null,
  titleType: TextType,
  link: string | null,
  base: string | null,
  language: string | null,
): ParsedFeedInfo {
  return {
    title: plainText(title, titleType),
    url: articleUrl(link, base),
    language: normalizeLanguage(language),
  };
}

/** Items with only a title, only a date, only an author or only a media file are kept; blank ones are not. */
function isEmptyItem(raw: RawItem): boolean {
  const values = [
    raw.guid,
    raw.link,
    raw.title,
    raw.summary,
    raw.content,
    raw.dateline,
    raw.imageUrl,
    raw.imageCaption,
    raw.mediaUrl,
    raw.published,
    raw.updated,
  ];
  const blank = (v: string | number | null) => v === null || !/[^\s\u0000-\u001F]/.test(String(v));
  return values.every(blank) && raw.authors.every(blank) && raw.tags.every(blank);
}

/** A date the item gives, or null: unreadable, or impossible (see date-trust.ts), with a warning. */
function readDate(raw: string | number | null, field: DateField, ingestedAt: Date, warnings: string[]): DateReading | null {
  if (raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  const reading = parseDateReading(raw);
  // The raw value is cleaned for a warning only: most dates need none.
  const shown = () => stripInvalidChars(String(raw)).trim().slice(0, 64);
  if (reading === null) {
    warnings.push(unreadableDateWarning(field, shown()));
    return null;
  }
  const untrusted = untrustedDateWarning(reading.date, field, shown, ingestedAt);
  if (untrusted !== null) warnings.push(untrusted);
  return untrusted === null ? reading : null;
}

/**
 * An absolute link is kept exactly as written (no host lower-casing: it may be an identifier);
 * a relative one is resolved against the base. Only web links survive: a `javascript:` link
 * is no article's address.
 */
export function articleUrl(raw: string | null, base: string | null): string | null {
  const value = cleanLine(raw);
  if (value === null) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value);
  if (scheme) return /^https?$/i.test(scheme[1]!) ? value : null;
  return resolveUrl(value, base);
}

function toHtml(value: string, type: TextType, base: string | null): string {
  if (isHtml(value, type, containsHtml)) return sanitizeHtml(value, base);
  const text = stripInvalidChars(value).trim();
  return text === '' ? '' : `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
}

function uniqueTags(raw: string[], type: TextType): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of raw) {
    const tag = plainText(t, type);
    if (tag === null || seen.has(tag)) continue;
    seen.add(tag);
    out.push(tag);
  }
  return out;
}

function firstAuthor(raw: string[], type: TextType): string | null {
  for (const a of raw) {
    const text = plainText(a, type);
    const name = text === null ? null : authorName(text);
    if (name !== null) return name;
  }
  return null;
}

/** `Name (email)`, `email (Name)` and `Name <email>` all give `Name`. */
export function authorName(raw: string): string | null {
  const s = cleanLine(raw);
  if (s === null) return null;
  // Longer values are not a name with an address; skip the patterns rather than scan them.
  if (s.length > 200) return s;
  const angled = /^"?([^"<>]*?)"?\s*<[^<>\s]+@[^<>\s]+>$/.exec(s);
  if (angled?.[1]) return angled[1].trim();
  const nameInParens = /^[^\s()]+@[^\s()]+\s*\(([^()]+)\)$/.exec(s);
  if (nameInParens?.[1]) return nameInParens[1].trim();
  const emailInParens = /^([^()]+?)\s*\((?:mailto:)?[^\s()]+@[^\s()]+\)$/.exec(s);
  if (emailInParens?.[1]) return emailInParens[1].trim();
  return s;
}

/** `en_US` → `en-US`; anything that is not a language tag → null. */
export function normalizeLanguage(raw: string | null): string | null {
  const s = cleanLine(raw);
  if (s === null || s.length > 35) return null;
  const tag = s.replace(/_/g, '-');
  return /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
}
