import { decayWeight } from './forward-decay.ts';
import { bucketStart } from './windows.ts';

export type ViewEvent = { articleId: string; occurredAt: number };

export type BucketCount = { bucketStart: Date; views: number };

export type ArticleViewAggregate = {
  articleId: string;
  views: number;
  /** Ascending by bucketStart. */
  minuteBuckets: BucketCount[];
  /** Ascending by bucketStart. */
  hourBuckets: BucketCount[];
  /** Sum of forward-decay weights against the T0 the batch was given: add it to the accumulator. */
  decayIncrement: number;
};

type Tally = { views: number; minute: Map<number, number>; hour: Map<number, number>; decay: number };

const increment = (counts: Map<number, number>, key: number) => counts.set(key, (counts.get(key) ?? 0) + 1);

const toBuckets = (counts: Map<number, number>): BucketCount[] =>
  [...counts.keys()].sort((a, b) => a - b).map((ms) => ({ bucketStart: new Date(ms), views: counts.get(ms) ?? 0 }));

// Code-unit order, the same on every replica, so every worker derives the same lock order.
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Folds a batch of views into what one transaction upserts: per article, a total, one row per
 * minute bucket and per hour bucket touched, and the decay increment. A thousand views of a hot
 * article in one minute become one counter row per resolution instead of a thousand writes.
 *
 * The output is sorted by articleId, and each article's buckets by time. Workers applying batches
 * concurrently must write rows in this order (articles, then buckets within each): when every
 * transaction takes its row locks in the same global order, two of them can wait on each other
 * but never deadlock. `t0Ms` must be the landmark read inside that same transaction.
 */
export function aggregateViews(events: readonly ViewEvent[], halfLifeMs: number, t0Ms: number): ArticleViewAggregate[] {
  const byArticle = new Map<string, Tally>();
  for (const { articleId, occurredAt } of events) {
    let tally = byArticle.get(articleId);
    if (tally === undefined) {
      tally = { views: 0, minute: new Map(), hour: new Map(), decay: 0 };
      byArticle.set(articleId, tally);
    }
    tally.views += 1;
    increment(tally.minute, bucketStart(occurredAt, 'minute').getTime());
    increment(tally.hour, bucketStart(occurredAt, 'hour').getTime());
    tally.decay += decayWeight(occurredAt, t0Ms, halfLifeMs);
  }
  return [...byArticle]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([articleId, tally]) => ({
      articleId,
      views: tally.views,
      minuteBuckets: toBuckets(tally.minute),
      hourBuckets: toBuckets(tally.hour),
      decayIncrement: tally.decay,
    }));
}
