import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inParallel, postEvents, type ViewToSend } from './support/events.ts';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, postFeed, waitForJob } from './support/http.ts';
import { insertArticles, type TestArticle } from './support/ranking.ts';
import { postEventsUntilAccepted, postFeedUntilAccepted, type StatusLog } from './support/retrying-client.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';
import { tally, total, viewsPerArticle } from './support/view-counts.ts';

const SMALL_FEEDS = 20;
const STORIES_PER_FEED = 20;
/** Two large documents are being stored when the database goes away. */
const LARGE_STORIES = 3_000;
const EVENT_BATCHES = 100;
const EVENTS_PER_BATCH = 20;
const OUTAGE_MS = 5_000;

let proxy: TcpProxy;
let stack: Stack;
let articles: TestArticle[];

beforeAll(async () => {
  // Every process reaches PostgreSQL through a proxy the test can cut; the test itself goes direct.
  stack = await startStack([], { RANKING_REFRESH_MS: '500' });
  const url = new URL(stack.database.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  for (const name of ['api', 'ingest-worker', 'ranking-worker'] as const) await stack.start(name, { DATABASE_URL: url.toString() });
  articles = await insertArticles(stack.database.db, 30);
}, 60_000);
afterAll(async () => {
  proxy?.restore();
  await stack?.stop();
  await proxy?.close();
});

interface ErrorAnswer {
  error: { code: string };
}
interface ReadyAnswer {
  checks: { postgres: { ok: boolean } };
}

describe('PostgreSQL unreachable for a while', () => {
  it('the api says 503, the workers retry with backoff and catch up, and nothing accepted is lost', async () => {
    const pids = stack.processes.map((process) => process.child.pid);
    const batches: ViewToSend[][] = Array.from({ length: EVENT_BATCHES }, (_, b) =>
      Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
        type: 'view' as const,
        articleId: articles[(b * 7 + i) % articles.length]?.id,
        eventId: randomUUID(),
      })),
    );
    const expectedViews = tally(batches.flat().map((event) => event.articleId ?? ''));
    const stories = testStories(SMALL_FEEDS * STORIES_PER_FEED, 'https://small.example');
    const statuses: StatusLog = new Map();
    const jobIds: string[] = [];

    // Large documents first, so the ingest worker is in the middle of storing when the cut comes.
    for (const site of ['https://large-a.example', 'https://large-b.example']) {
      jobIds.push(
        await postFeedUntilAccepted(stack.baseUrl, rssFeed(testStories(LARGE_STORIES, site)), { source: new URL(site).hostname }, statuses),
      );
    }
    await eventually(
      async () => {
        const stored = await stack.database.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('url', 'like', 'https://large-%')
          .executeTakeFirstOrThrow();
        return Number(stored.n) > 0 ? true : undefined;
      },
      30_000,
      'the large documents to be half-way',
    );

    let accepted = 0;
    const feeds = inParallel(
      Array.from({ length: SMALL_FEEDS }, (_, f) => f),
      2,
      async (f) => {
        const body = rssFeed(stories.slice(f * STORIES_PER_FEED, (f + 1) * STORIES_PER_FEED));
        jobIds.push(
          await postFeedUntilAccepted(stack.baseUrl, body, { source: `feed-${f}`, contentType: 'application/rss+xml' }, statuses),
        );
        accepted++;
      },
    );
    const events = inParallel(batches, 3, async (batch) => {
      await postEventsUntilAccepted(stack.baseUrl, batch, statuses);
      accepted++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const outage = (async () => {
      await eventually(async () => (accepted >= 10 ? true : undefined), 30_000, 'some requests accepted');
      proxy.cut('refuse');
      const ready = await getJson<ReadyAnswer>(stack.baseUrl, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.postgres.ok).toBe(false);
      // Writes that need the database are refused with 503 and Retry-After, not 500, not a hang.
      const feed = await postFeed(stack.baseUrl, rssFeed(testStories(1, 'https://refused.example')), {
        contentType: 'application/rss+xml',
      });
      expect(feed.status).toBe(503);
      expect(feed.headers.get('retry-after')).not.toBeNull();
      expect(((await feed.json()) as ErrorAnswer).error.code).toBe('database_unavailable');
      const unknownArticle = await postEvents(stack.baseUrl, [{ type: 'view', articleId: randomUUID() }]);
      expect(unknownArticle.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      proxy.restore();
    })();
    await Promise.all([feeds, events, outage]);
    expect([...statuses.keys()].filter((status) => status !== 202 && status !== 503)).toEqual([]);

    const jobs = await Promise.all(jobIds.map((id) => waitForJob(stack.baseUrl, `/v1/ingest-jobs/${id}`)));
    expect(jobs.every((job) => job.status === 'completed')).toBe(true);
    expect(jobs.reduce((sum, job) => sum + (job.result?.inserted ?? 0), 0)).toBe(2 * LARGE_STORIES + SMALL_FEEDS * STORIES_PER_FEED);
    const stored = await stack.database.db.selectFrom('articles').select('url').where('source', '!=', 'test').execute();
    expect(stored).toHaveLength(2 * LARGE_STORIES + SMALL_FEEDS * STORIES_PER_FEED);

    const counted = await eventually(
      async () => {
        const counts = await viewsPerArticle(stack.database.db);
        return total(counts) >= EVENT_BATCHES * EVENTS_PER_BATCH ? counts : undefined;
      },
      45_000,
      'every accepted view counted',
    );
    expect(counted).toEqual(expectedViews);

    // The workers rode it out by retrying, not by restarting.
    const logs = stack.processes.flatMap((process) => process.logs);
    expect(logs.some((line) => line.msg === 'ingest job failed' && line.final === false)).toBe(true);
    expect(logs.some((line) => line.msg === 'job failed' && line.queue === 'events')).toBe(true);
    expect(stack.processes.map((process) => process.child.pid)).toEqual(pids);
    expect((await getJson(stack.baseUrl, '/readyz')).status).toBe(200);
  });
});
