import type { ParseResult } from '@newsrank/feed-parser';
import type { FeedCadence } from '../contract.ts';

/**
 * What the planner needs from a parsed feed: the cadence it declares and the publication dates
 * of its entries (their publishedAt; an entry without one tells nothing about the posting rate).
 */
export function feedCadence(parsed: Pick<ParseResult, 'cadence' | 'articles'>): FeedCadence {
  const entryDates: Date[] = [];
  for (const article of parsed.articles) {
    if (article.publishedAt === null || article.publishedAtOrigin === 'first-seen') continue;
    const date = new Date(article.publishedAt);
    if (!Number.isNaN(date.getTime())) entryDates.push(date);
  }
  const { ttlMinutes, updatePeriod, updateFrequency, skipHours, skipDays } = parsed.cadence;
  return { entryDates, ttlMinutes, updatePeriod, updateFrequency, skipHours: [...skipHours], skipDays: [...skipDays] };
}
