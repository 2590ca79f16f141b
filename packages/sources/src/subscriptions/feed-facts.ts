import type { ParseResult } from '@newsrank/feed-parser';
import type { FeedCadence } from '../contract.ts';

/** What the feed says about how often it changes, for the poll planner. */
export function feedCadence(parsed: ParseResult): FeedCadence {
  const entryDates = parsed.articles.flatMap((article) => (article.publishedAt ? [new Date(article.publishedAt)] : []));
  return { entryDates, ttlMinutes: null, updatePeriod: null, updateFrequency: null, skipHours: [], skipDays: [] };
}

/** The site and WebSub links the document names. */
export function feedLinks(parsed: ParseResult): { siteUrl: string | null; hubs: string[]; self: string | null } {
  return { siteUrl: parsed.feed.url, hubs: [], self: null };
}
