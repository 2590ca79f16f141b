import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inParallel, postEventsUntilAccepted, type ViewToSend } from './support/events.ts';
import { atomFeed, rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { startRedisCluster, type RedisClusterUnderTest } from './support/redis-cluster.ts';
import { TEST_REDIS_URL } from './support/redis.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { tally, total, viewsPerArticle } from './support/view-counts.ts';

let cluster: RedisClusterUnderTest;
let stack: Stack;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { REDIS_CLUSTER_NODES: cluster.nodes, RANKING_REFRESH_MS: '500' });
  // As a load balancer would: traffic only once the api has read the cluster's slot map.
  await eventually(
    async () => ((await getJson(stack.baseUrl, '/readyz')).status === 200 ? true : undefined),
    30_000,
    'the api to be ready',
  );
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await cluster?.destroy();
});

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

interface RankingAnswer {
  items: { views: number; article: { id: string } }[];
}

describe('the whole stack on a three-master Redis Cluster', () => {
  it('feeds are ingested exactly once each story', async () => {
    const stories = testStories(60, 'https://cluster.example');
    const rss = await ingest(stack.baseUrl, rssFeed(stories), { source: 'wire', contentType: 'application/rss+xml' });
    expect(rss).toMatchObject({ status: 'completed', result: { inserted: 60, updated: 0, duplicates: 0 } });
    const atom = await ingest(stack.baseUrl, atomFeed(stories), { source: 'paper' });
    expect(atom).toMatchObject({ status: 'completed', result: { inserted: 0, duplicates: 60 } });
    const rows = await stack.database.db.selectFrom('articles').select('id').execute();
    expect(rows).toHaveLength(60);
  });

  it('views are counted exactly and the published ranking reaches the api over cluster pub/sub', async () => {
    const articles = await stack.database.db.selectFrom('articles').select('id').orderBy('id').execute();
    const batches: ViewToSend[][] = Array.from({ length: 40 }, (_, b) =>
      Array.from({ length: 25 }, (_, i) => ({
        type: 'view' as const,
        articleId: articles[(b * 3 + i * 7) % articles.length]?.id,
        eventId: randomUUID(),
      })),
    );
    await inParallel(batches, 4, async (batch) => {
      await postEventsUntilAccepted(stack.baseUrl, batch);
    });
    const expected = tally(batches.flat().map((event) => event.articleId ?? ''));

    const counted = await eventually(
      async () => {
        const counts = await viewsPerArticle(stack.database.db);
        return total(counts) >= 1_000 ? counts : undefined;
      },
      30_000,
      'every view counted',
    );
    expect(counted).toEqual(expected);

    await eventually(
      async () => {
        const list = await getJson<RankingAnswer>(stack.baseUrl, '/v1/ranking?window=1h&limit=100');
        return list.body.items.length === expected.size && list.body.items.every((item) => item.views === expected.get(item.article.id))
          ? true
          : undefined;
      },
      15_000,
      'the 1h ranking to show every count',
    );
  });

  it('every key under the queue prefix sits in the one slot its hash tag names', async () => {
    const holders: number[] = [];
    for (const port of cluster.ports) {
      const node = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      try {
        if ((await keysUnder(node, stack.prefix)).length > 0) holders.push(port);
      } finally {
        node.disconnect();
      }
    }
    // Queues, schedulers, published lists, counters and locks: all on one node, so every
    // multi-key script and MULTI of BullMQ and of newsrank stays within one slot.
    expect(holders).toHaveLength(1);
    // And nothing went to the standalone Redis that REDIS_URL still names.
    const standalone = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      expect(await keysUnder(standalone, stack.prefix)).toEqual([]);
    } finally {
      standalone.disconnect();
    }
  });
});
