import type { DateOrigin, StoryInput } from '@newsrank/core';

/** Formats the sniffer can recognise. */
export const DOCUMENT_FORMATS = [
  'rss', // RSS 0.91/0.92/2.0 and <rss> without version
  'rdf', // RSS 0.90 and RSS 1.0
  'atom', // Atom 0.3 and 1.0
  'json-feed', // JSON Feed 1.0/1.1
  'native-json', // {"articles": [...]} as POST /v1/articles takes it
  'html', // one HTML article page
  'text', // one plain-text article page (fixtures/japan-news-article.txt)
] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export type { DateOrigin };

/** One article as the parser normalises it: a story to store, its title possibly missing yet. */
export interface ParsedArticle extends Omit<StoryInput, 'title'> {
  title: string | null;
  /** Item-level warnings (unreadable or impossible date, derived title, ...). */
  warnings: string[];
}

export interface ParsedFeedInfo {
  title: string | null;
  url: string | null;
  language: string | null;
}

/** What a feed declares about how often it changes (RSS; empty for other formats), for polling. */
export interface DeclaredCadence {
  /** RSS `ttl`, minutes. */
  ttlMinutes: number | null;
  /** `sy:updatePeriod` / `sy:updateFrequency` (RSS 1.0 and 2.0). */
  updatePeriod: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | null;
  updateFrequency: number | null;
  /** RSS `skipHours` (0–23, GMT) and `skipDays` (0 = Sunday … 6). */
  skipHours: number[];
  skipDays: number[];
}

/** Where a feed says it lives, for subscribing to it. URLs are absolute http(s). */
export interface FeedLinks {
  /** The site: RSS channel `<link>`, Atom `<link rel="alternate">`, JSON Feed `home_page_url`. */
  siteUrl: string | null;
  /** WebSub hubs: `<atom:link rel="hub">` in RSS, `<link rel="hub">` in Atom, JSON Feed `hubs`. */
  hubs: string[];
  /** The feed's own URL: `rel="self"`, JSON Feed `feed_url`. */
  self: string | null;
}

/** An item that could not become an article, with a reason a publisher can act on. */
export interface RejectedItem {
  index: number;
  reason: string;
}

/** Why an item the document was cut off inside is not stored (it would be half an item). */
export const TRUNCATED_ITEM_REASON = 'document ends inside this item';

/**
 * Every item of the document is either one of `articles` (in document order) or one of
 * `rejected`, so an article's position in the document follows from the two (itemPositions).
 */
export interface ParseResult {
  format: DocumentFormat;
  feed: ParsedFeedInfo;
  articles: ParsedArticle[];
  /** Items dropped; `index` is the item's position in the document. */
  rejected: RejectedItem[];
  /** Document-level warnings: encoding override, undeclared entity, not well-formed, ... */
  warnings: string[];
  /** The character encoding the bytes were decoded with. */
  encoding: string;
  /** For the poll planner and WebSub (docs/sources.md); `newsrank parse` does not print these. */
  cadence: DeclaredCadence;
  links: FeedLinks;
}

export interface ParseOptions {
  /** The HTTP Content-Type header, if any; its charset is a hint, the body decides the format. */
  contentType?: string | undefined;
  /** The URL the document was fetched from or posted for; base for relative links. */
  baseUrl?: string | undefined;
  /**
   * When the document reached the service (the ingest job's receipt time); a date more than a
   * day after it cannot be true and is not stored. Defaults to the current time.
   */
  now?: Date | undefined;
}

/**
 * A document that cannot be read at all. `code` maps to the HTTP answer:
 * 'empty' and 'unparseable' → 400, 'unsupported-type' → 415, 'too-complex' → 400.
 */
export class DocumentError extends Error {
  readonly code: 'empty' | 'unparseable' | 'unsupported-type' | 'too-complex';
  constructor(code: DocumentError['code'], message: string) {
    super(message);
    this.name = 'DocumentError';
    this.code = code;
  }
}
