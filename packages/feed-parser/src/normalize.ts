import { formatIsoSecond, parseDate } from './dates.ts';
import { resolveUrl, sanitizeHtml, toPlainSummary, toPlainText, truncatePlain } from './sanitize.ts';
import { cleanLine, stripInvalidChars } from './text.ts';
import type { ParsedArticle, ParsedFeedInfo } from './types.ts';

export type TextType = 'text' | 'html';

/** One item as a format reader found it, before any cleaning. Strings are raw document text. */
export interface RawItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  titleType: TextType;
  summary: string | null;
  summaryType: TextType;
  content: string | null;
  contentType: TextType;
  authors: string[];
  /** An explicit section; otherwise the first tag is the category. */
  category: string | null;
  tags: string[];
  dateline: string | null;
  imageUrl: string | null;
  imageCaption: string | null;
  language: string | null;
  published: string | number | null;
  /** dc:date and the like: an update time that also stands in for a missing publication time. */
  updated: string | number | null;
  /** Base URL for the item's relative links. */
  base: string | null;
}

export function emptyRawItem(base: string | null): RawItem {
  return {
    guid: null, link: null, title: null, titleType: 'html', summary: null, summaryType: 'html',
    content: null, contentType: 'html', authors: [], category: null, tags: [], dateline: null, imageUrl: null,
    imageCaption: null, language: null, published: null, updated: null, base,
  };
}

export interface NormalizeContext {
  now: Date;
  feedLanguage: string | null;
}

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Cleans one item into an article, or throws an Error whose message is the rejection reason. */
export function normalizeItem(raw: RawItem, ctx: NormalizeContext): ParsedArticle {
  if (isEmptyItem(raw)) throw new Error('the item is empty');
  const warnings: string[] = [];
  const title = raw.title === null ? null : raw.titleType === 'html' ? toPlainText(raw.title) : cleanLine(raw.title);
  const guid = cleanLine(raw.guid);
  const url = articleUrl(raw.link, raw.base);
  const contentHtml = raw.content === null ? null : toHtml(raw.content, raw.contentType, raw.base);
  const summarySource = raw.summary ?? raw.content;
  const summaryType = raw.summary !== null ? raw.summaryType : raw.contentType;
  const summary = summarySource === null ? null
    : summaryType === 'html' ? toPlainSummary(summarySource) : truncatePlain(cleanLine(summarySource));
  const published = readDate(raw.published, warnings);
  const updated = readDate(raw.updated, warnings);
  const publishedAt = published ?? updated;
  let publishedAtInFuture = false;
  if (publishedAt !== null && publishedAt.getTime() - ctx.now.getTime() > FUTURE_TOLERANCE_MS) {
    publishedAtInFuture = true;
    warnings.push(`publishedAt ${formatIsoSecond(publishedAt)} is more than a day in the future`);
  }
  const tags = uniqueTags(raw.tags);
  return {
    guid,
    url,
    title,
    summary,
    contentHtml: contentHtml === '' ? null : contentHtml,
    author: firstAuthor(raw.authors),
    category: cleanLine(raw.category) ?? tags[0] ?? null,
    tags,
    dateline: cleanLine(raw.dateline),
    imageUrl: raw.imageUrl === null ? null : articleUrl(raw.imageUrl, raw.base),
    imageCaption: raw.imageCaption === null ? null : toPlainText(raw.imageCaption),
    language: normalizeLanguage(raw.language) ?? ctx.feedLanguage,
    publishedAt: publishedAt === null ? null : formatIsoSecond(publishedAt),
    updatedAt: updated === null ? null : formatIsoSecond(updated),
    publishedAtOrigin: publishedAt === null ? null : 'feed',
    publishedAtInFuture,
    warnings,
  };
}

export function feedInfo(title: string | null, titleType: TextType, link: string | null, base: string | null, language: string | null): ParsedFeedInfo {
  return {
    title: title === null ? null : titleType === 'html' ? toPlainText(title) : cleanLine(title),
    url: articleUrl(link, base),
    language: normalizeLanguage(language),
  };
}

/** Items with only a title, only a date or only an author still reach the caller; blank ones do not. */
function isEmptyItem(raw: RawItem): boolean {
  const values = [raw.guid, raw.link, raw.title, raw.summary, raw.content, raw.dateline, raw.imageUrl, raw.published, raw.updated];
  const blank = (v: string | number | null) => v === null || !/[^\s\u0000-\u001F]/.test(String(v));
  return values.every(blank) && raw.authors.every(blank) && raw.tags.every(blank);
}

function readDate(raw: string | number | null, warnings: string[]): Date | null {
  if (raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  const date = parseDate(raw);
  if (date === null) warnings.push(`unreadable date "${stripInvalidChars(String(raw)).slice(0, 64)}"`);
  return date;
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
  if (type === 'html') return sanitizeHtml(value, base);
  const text = stripInvalidChars(value).trim();
  return text === '' ? '' : `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
}

function uniqueTags(raw: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of raw) {
    const tag = cleanLine(t);
    if (tag === null || seen.has(tag)) continue;
    seen.add(tag);
    out.push(tag);
  }
  return out;
}

function firstAuthor(raw: string[]): string | null {
  for (const a of raw) {
    const name = authorName(a);
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
