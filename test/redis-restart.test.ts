import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inParallel, postEvents, type ViewToSend } from './support/events.ts';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, postFeed, waitForJob } from './support/http.ts';
import { startRedisServer, type PrivateRedis } from './support/redis-server.ts';
import { insertArticles, type TestArticle } from './support/ranking.ts';
import { postEventsUntilAccepted, postFeedUntilAccepted, type StatusLog } from './support/retrying-client.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { tally, total, viewsPerArticle } from './support/view-counts.ts';

const FEEDS = 30;
const STORIES_PER_FEED = 20;
const EVENT_BATCHES = 150;
const EVENTS_PER_BATCH = 20;
const DOWN_MS = 3_000;

let redis: PrivateRedis;
let stack: Stack;
let articles: TestArticle[];

beforeAll(async () => {
  // AOF with an fsync per write, noeviction: what the project's Redis runs with.
  redis = await startRedisServer({ appendfsync: 'always' });
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { REDIS_URL: redis.url, RANKING_REFRESH_MS: '500' });
  articles = await insertArticles(stack.database.db, 40);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await redis?.destroy();
});

interface ErrorAnswer {
  error: { code: string };
}

describe('Redis crashing and coming back while feeds and events stream in', () => {
  it('answers 503 while it is down, and counts every accepted request exactly once after, without restarting anything', async () => {
    const pids = stack.processes.map((process) => process.child.pid);
    const stories = testStories(FEEDS * STORIES_PER_FEED, 'https://aof.example');
    const batches: ViewToSend[][] = Array.from({ length: EVENT_BATCHES }, (_, b) =>
      Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
        type: 'view' as const,
        articleId: articles[(b * 11 + i * 3) % articles.length]?.id,
        eventId: randomUUID(),
      })),
    );
    const expectedViews = tally(batches.flat().map((event) => event.articleId ?? ''));
    const feedStatuses: StatusLog = new Map();
    const eventStatuses: StatusLog = new Map();
    const jobIds: string[] = [];
    let accepted = 0;

    const feeds = inParallel(
      Array.from({ length: FEEDS }, (_, f) => f),
      2,
      async (f) => {
        const body = rssFeed(stories.slice(f * STORIES_PER_FEED, (f + 1) * STORIES_PER_FEED));
        jobIds.push(
          await postFeedUntilAccepted(stack.baseUrl, body, { source: `feed-${f}`, contentType: 'application/rss+xml' }, feedStatuses),
        );
        accepted++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
    );
    const events = inParallel(batches, 3, async (batch) => {
      await postEventsUntilAccepted(stack.baseUrl, batch, eventStatuses);
      accepted++;
      await new Promise((resolve) => setTimeout(resolve, 30));
    });

    const outage = (async () => {
      await eventually(
        async () => (accepted >= (FEEDS + EVENT_BATCHES) / 4 ? true : undefined),
        30_000,
        'a quarter of the requests accepted',
      );
      await redis.crash();
      // While it is down, writes are refused with 503 at once and the API is not ready.
      const feed = await postFeed(stack.baseUrl, rssFeed(testStories(1, 'https://refused.example')), {
        contentType: 'application/rss+xml',
      });
      expect(feed.status).toBe(503);
      expect(((await feed.json()) as ErrorAnswer).error.code).toBe('queue_unavailable');
      const views = await postEvents(stack.baseUrl, [{ type: 'view', articleId: articles[0]?.id, eventId: randomUUID() }]);
      expect(views.status).toBe(503);
      expect((await getJson(stack.baseUrl, '/readyz')).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      await redis.start();
    })();
    await Promise.all([feeds, events, outage]);

    // The streams saw the outage and nothing worse than a 503.
    expect(feedStatuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(eventStatuses.get(503) ?? 0).toBeGreaterThan(0);
    for (const log of [feedStatuses, eventStatuses])
      expect([...log.keys()].filter((status) => status !== 202 && status !== 503)).toEqual([]);

    const jobs = await Promise.all(jobIds.map((id) => waitForJob(stack.baseUrl, `/v1/ingest-jobs/${id}`)));
    expect(jobs.every((job) => job.status === 'completed')).toBe(true);
    expect(jobs.reduce((sum, job) => sum + (job.result?.inserted ?? 0), 0)).toBe(FEEDS * STORIES_PER_FEED);
    const stored = await stack.database.db.selectFrom('articles').select('url').where('url', 'like', 'https://aof.example/%').execute();
    expect(stored).toHaveLength(FEEDS * STORIES_PER_FEED);
    // A request answered 503 left nothing behind.
    expect(await stack.database.db.selectFrom('articles').select('id').where('url', 'like', 'https://refused.example/%').execute()).toEqual(
      [],
    );

    const counted = await eventually(
      async () => {
        const counts = await viewsPerArticle(stack.database.db);
        return total(counts) >= EVENT_BATCHES * EVENTS_PER_BATCH ? counts : undefined;
      },
      30_000,
      'every accepted view counted',
    );
    expect(counted).toEqual(expectedViews);

    // The API's list subscription came back too: the published ranking shows every count.
    await eventually(
      async () => {
        const list = await getJson<{ items: { views: number; article: { id: string } }[] }>(
          stack.baseUrl,
          '/v1/ranking?window=1h&limit=100',
        );
        return list.body.items.length === expectedViews.size &&
          list.body.items.every((item) => item.views === expectedViews.get(item.article.id))
          ? true
          : undefined;
      },
      15_000,
      'the 1h ranking to show every count',
    );

    expect((await getJson(stack.baseUrl, '/readyz')).status).toBe(200);
    expect(stack.processes.map((process) => process.child.pid)).toEqual(pids);
    expect(stack.processes.every((process) => process.child.exitCode === null)).toBe(true);
  });
});
