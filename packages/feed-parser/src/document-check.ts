import type { DocumentFormat, ParseResult } from './types.ts';
import { unrecoverableBreakage } from './unrecoverable.ts';

/**
 * What accepting a posted document needs to know of it: its format, the feed's own URL (the
 * source it is filed under when none is named), how many articles it holds, and whether its
 * markup is broken past recovery. A few fields where the whole result can run to megabytes: a
 * thread that parses for a check sends back only this.
 */
export interface DocumentCheck {
  format: DocumentFormat;
  feedUrl: string | null;
  articles: number;
  /** Why no item could be recovered from broken markup (unrecoverableBreakage), or null. */
  breakage: string | null;
}

export function checkOf(result: ParseResult): DocumentCheck {
  return {
    format: result.format,
    feedUrl: result.feed.url,
    articles: result.articles.length,
    breakage: unrecoverableBreakage(result),
  };
}
