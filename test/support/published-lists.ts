import { publishedListNames, stagePublishedLists, type PublishedList } from '@newsrank/published-lists';
import type { RedisClient } from '@newsrank/queue';

/** A version of the site-wide 24h ranking as the ranking worker publishes it, told apart by its time. */
export function rankingVersion(publishedAtMs: number): PublishedList {
  const generatedAt = new Date(publishedAtMs).toISOString();
  return {
    key: 'ranking:24h:all',
    etag: `"v${publishedAtMs}"`,
    contentHash: `h${publishedAtMs}`,
    publishedAtMs,
    body: {
      window: '24h',
      category: null,
      generatedAt,
      items: [
        {
          rank: 1,
          previousRank: null,
          views: 3,
          visitors: 3,
          article: { id: 'a1', title: 'One', url: null, category: null, publishedAt: null },
        },
      ],
    },
  };
}

/** Publishes versions under a queue prefix exactly as the ranking worker does: into the hash and onto the channel. */
export async function publishLists(redis: RedisClient, prefix: string, lists: readonly PublishedList[]): Promise<void> {
  const transaction = redis.multi();
  stagePublishedLists(transaction, publishedListNames(prefix), lists);
  await transaction.exec();
}
