/** Where a date value was read from, kept so ranking can decide how far to trust it. */
export type DateOrigin = 'feed' | 'page-metadata' | 'page-text' | 'first-seen';

/**
 * One story as a feed or the native API carries it, after parsing: what the store receives.
 * The parser's article (feed-parser's ParsedArticle) is this shape with a title that may be
 * missing and the warnings reading it raised. Dates are ISO-8601 UTC at second precision or null.
 */
export interface StoryInput {
  guid: string | null;
  url: string | null;
  title: string;
  /** Plain text, entities decoded, whitespace collapsed, at most ~500 characters. */
  summary: string | null;
  /** Sanitised HTML. */
  contentHtml: string | null;
  author: string | null;
  category: string | null;
  tags: string[];
  dateline: string | null;
  imageUrl: string | null;
  imageCaption: string | null;
  language: string | null;
  /** Null when the document gave no readable date or one that cannot be true. */
  publishedAt: string | null;
  updatedAt: string | null;
  /** Where publishedAt came from; null when publishedAt is null. */
  publishedAtOrigin: DateOrigin | null;
  /**
   * The zone publishedAt was printed in: an IANA zone for an abbreviation that names one
   * (`JST` → `Asia/Tokyo`), else the fixed offset it was read as (`+09:00`). Null when the
   * source printed no zone, or UTC (see docs/parsing.md, Dates).
   */
  publishedTimeZone: string | null;
}
