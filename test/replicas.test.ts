import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { migrationsAreCurrent, sql } from '@newsrank/db';
import { publishedListNames } from '@newsrank/published-lists';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inParallel, postEventsUntilAccepted, type ViewToSend } from './support/events.ts';
import { atomFeed, jsonFeed, rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { freePort, type ProcessName, type ServiceProcess } from './support/processes.ts';
import { freshDatabase, type FreshDatabase } from './support/fresh-database.ts';
import { TEST_REDIS_URL } from './support/redis.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { tally, total, viewsPerArticle } from './support/view-counts.ts';

const REPLICAS: [ProcessName, number][] = [
  ['api', 2],
  ['ingest-worker', 3],
  ['ranking-worker', 3],
];

let stack: Stack;
let fresh: FreshDatabase;
let apis: string[];
let listener: Redis;
/** Every list version the ranking workers published, in the order Redis delivered them. */
const published: { key: string; contentHash: string; publishedAtMs: number }[] = [];

beforeAll(async () => {
  // A database that does not exist yet: eight processes starting at once must create and
  // migrate it exactly once between them.
  fresh = freshDatabase();
  stack = await startStack([], { DATABASE_URL: fresh.url, INGEST_CONCURRENCY: '2', RANKING_CONCURRENCY: '16' });
  const ports = [new URL(stack.baseUrl).port, String(await freePort())];
  apis = ports.map((port) => `http://127.0.0.1:${port}`);

  listener = new Redis(TEST_REDIS_URL);
  listener.on('message', (_channel: string, json: string) => {
    const list = JSON.parse(json) as { key: string; contentHash: string; publishedAtMs: number };
    published.push({ key: list.key, contentHash: list.contentHash, publishedAtMs: list.publishedAtMs });
  });
  await listener.subscribe(publishedListNames(stack.prefix).channel);

  let apiIndex = 0;
  await Promise.all(
    REPLICAS.flatMap(([name, count]) =>
      Array.from({ length: count }, () => stack.start(name, name === 'api' ? { PORT: ports[apiIndex++] ?? '0' } : {})),
    ),
  );
}, 90_000);
afterAll(async () => {
  listener?.disconnect();
  await stack?.stop();
  await fresh?.drop();
});

const named = (name: ProcessName): ServiceProcess[] => stack.processes.filter((process) => process.name === name);

describe('2 api, 3 ingest-worker and 3 ranking-worker replicas on one Redis and one PostgreSQL', () => {
  it('the database is created and migrated exactly once', async () => {
    const db = fresh.open();
    expect(await migrationsAreCurrent(db)).toBe(true);
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    expect(new Set(rows.rows.map((row) => row.name)).size).toBe(rows.rows.length);
    const appliers = stack.processes.filter((process) => process.logs.some((line) => line.msg === 'migrations applied'));
    expect(appliers).toHaveLength(1);
    expect(appliers[0]?.logs.find((line) => line.msg === 'migrations applied')?.applied).toEqual(rows.rows.map((row) => row.name).sort());
  });

  it('feeds posted through both apis store each story once', async () => {
    const stories = testStories(300, 'https://replicas.example');
    const documents = [
      rssFeed(stories),
      atomFeed(stories),
      jsonFeed(stories),
      rssFeed(stories.slice(0, 150)),
      atomFeed(stories.slice(100)),
    ];
    const jobs = await Promise.all(
      documents.flatMap((doc, d) => [0, 1].map((copy) => ingest(apis[(d + copy) % 2] as string, doc, { source: `source-${d}-${copy}` }))),
    );
    expect(jobs.every((job) => job.status === 'completed')).toBe(true);
    expect(jobs.reduce((sum, job) => sum + (job.result?.inserted ?? 0), 0)).toBe(300);
    const rows = await fresh.open().selectFrom('articles').select('url').execute();
    expect(rows).toHaveLength(300);
    // The work was shared: more than one worker stored documents.
    expect(named('ingest-worker').filter((worker) => worker.logs.some((line) => line.msg === 'document ingested')).length).toBeGreaterThan(
      1,
    );
  });

  it('views sent through both apis are counted exactly, and every list version is published once', async () => {
    const articles = await fresh.open().selectFrom('articles').select('id').orderBy('id').limit(60).execute();
    const batches: ViewToSend[][] = Array.from({ length: 120 }, (_, b) =>
      Array.from({ length: 25 }, (_, i) => ({
        type: 'view' as const,
        articleId: articles[(b * 13 + i * 5) % articles.length]?.id,
        eventId: randomUUID(),
      })),
    );
    // Every tenth batch goes out twice, once through each api, as a client that retried would.
    await inParallel(batches, 6, async (batch, b) => {
      await postEventsUntilAccepted(apis[b % 2] as string, batch);
      if (b % 10 === 0) await postEventsUntilAccepted(apis[(b + 1) % 2] as string, batch);
    });
    const expected = tally(batches.flat().map((event) => event.articleId ?? ''));

    const counted = await eventually(
      async () => {
        const counts = await viewsPerArticle(fresh.open());
        return total(counts) >= 120 * 25 ? counts : undefined;
      },
      30_000,
      'every view counted',
    );
    expect(counted).toEqual(expected);

    // Both apis serve the final lists, which they learn from the channel.
    for (const api of apis) {
      await eventually(
        async () => {
          const list = await getJson<{ items: { views: number; article: { id: string } }[] }>(api, '/v1/ranking?window=1h&limit=100');
          return list.body.items.length === expected.size && list.body.items.every((item) => item.views === expected.get(item.article.id))
            ? true
            : undefined;
        },
        15_000,
        `${api} to show every count`,
      );
    }

    // Had two workers computed the same tick, the same version would have gone out twice in a
    // row. Each list's versions differ one from the next and come in publication order.
    expect(published.length).toBeGreaterThan(0);
    const byKey = Map.groupBy(published, (version) => version.key);
    for (const versions of byKey.values()) {
      for (let i = 1; i < versions.length; i++) {
        expect(versions[i]?.contentHash).not.toBe(versions[i - 1]?.contentHash);
        expect(versions[i]?.publishedAtMs).toBeGreaterThan(versions[i - 1]?.publishedAtMs ?? 0);
      }
    }
    expect(named('ranking-worker').filter((worker) => worker.logs.some((line) => line.msg === 'lists published')).length).toBeGreaterThan(
      0,
    );
  });
});
