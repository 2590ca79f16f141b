import type { DocumentFormat, ParseResult } from './types.ts';
import { unrecoverableBreakage } from './unrecoverable.ts';

/**
 * What accepting a posted document needs to know of it: its format, the feed's own URL (the
 * source it is filed under when none is named), how many items it holds, and whether its markup
 * is broken past recovery. A few fields where a whole parse can run to megabytes: a thread that
 * checks a document sends back only this (checkDocument).
 */
export interface DocumentCheck {
  format: DocumentFormat;
  feedUrl: string | null;
  /** Items in the document; the ingest worker stores each as an article or rejects it alone. */
  items: number;
  /** Why no item could be recovered from broken markup (unrecoverableBreakage), or null. */
  breakage: string | null;
}

/** The check of a document already parsed in full. */
export function checkOf(result: ParseResult): DocumentCheck {
  return {
    format: result.format,
    feedUrl: result.feed.url,
    items: result.articles.length + result.rejected.length,
    breakage: unrecoverableBreakage(result),
  };
}
