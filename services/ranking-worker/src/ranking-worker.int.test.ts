import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@newsrank/config';
import { createDb, partitionSpanFor, type Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { EVENT_JOB_OPTIONS, JOB_NAMES, openQueue, type ApplyEventsPayload } from '@newsrank/queue';
import { publishedListNames } from '@newsrank/published-lists';
import type { PublishedList, RankingListBody } from '@newsrank/ranking';
import type { RunningService } from '@newsrank/runtime';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { insertArticles, setCountingEpoch, type TestArticle } from '../../../test/support/ranking.ts';
import { eventually } from '../../../test/support/stack.ts';
import { retentionOf } from './retention.ts';
import { startRankingWorker } from './ranking-worker.ts';

let database: TestDatabase;
let prefix: string;
let redis: Redis;
let queue: Queue;
let workers: { service: RunningService; db: Db }[] = [];
let articles: TestArticle[];

const startWorker = async () => {
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    RANKING_REFRESH_MS: '200',
    RANKING_CONCURRENCY: '16',
  });
  const { db, pool } = createDb({ url: database.url, poolSize: 5 });
  const service = await startRankingWorker({ config, logger: createLogger({ level: 'silent', name: 'test' }), db, pool });
  workers.push({ service, db });
};
const viewsOf = async (article: TestArticle) =>
  Number(
    (
      await database.db
        .selectFrom('article_views_hour')
        .select((eb) => eb.fn.sum<number>('views').as('n'))
        .where('article_id', '=', article.id)
        .executeTakeFirst()
    )?.n ?? 0,
  );
const payload = (article: TestArticle, ids: string[]): ApplyEventsPayload => ({
  events: ids.map((eventId) => ({ eventId, articleId: article.id, occurredAt: Date.now() })),
});

beforeAll(async () => {
  database = await createTestDatabase();
  prefix = testQueuePrefix();
  redis = new Redis(TEST_REDIS_URL);
  queue = openQueue('events', { connection: { url: TEST_REDIS_URL }, prefix });
  articles = await insertArticles(database.db, 3);
  await startWorker();
  await startWorker();
});
afterAll(async () => {
  for (const { service, db } of workers) {
    await service.close();
    await db.destroy();
  }
  await queue?.close();
  redis?.disconnect();
  if (prefix) await deleteQueuePrefix(prefix);
  await database?.drop();
});

describe('the ranking worker', () => {
  it('the same events delivered as several jobs are counted once', async () => {
    const [first, second] = articles as [TestArticle, TestArticle];
    const ids = Array.from({ length: 50 }, (_, i) => `redelivered-${i}`);
    // As a deployment idle for two days left it (two days back has a partition still).
    await setCountingEpoch(database.db, Date.now() - 2 * 86_400_000);
    // A retried request and a redelivered job both arrive as another job with the same events.
    for (let copy = 0; copy < 5; copy++) await queue.add(JOB_NAMES.applyEvents, payload(first, ids), EVENT_JOB_OPTIONS);
    await queue.add(JOB_NAMES.applyEvents, payload(second, ['single']), EVENT_JOB_OPTIONS);
    await eventually(
      async () => ((await queue.getJobCounts('wait', 'active', 'delayed')).wait === 0 && (await viewsOf(second)) === 1 ? true : undefined),
      15_000,
      'jobs applied',
    );
    await eventually(async () => ((await queue.getActiveCount()) === 0 ? true : undefined), 15_000, 'jobs finished');
    expect(await viewsOf(first)).toBe(50);
    // The workers moved the epoch on to the current partition of counted_events before recording.
    const { epoch } = await database.db.selectFrom('counted_events_epoch').select('epoch').executeTakeFirstOrThrow();
    const { eventDedupRetentionMs, rankingHistoryDays } = loadConfig({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL });
    const spanMs = partitionSpanFor(
      retentionOf({ dedupRetentionMs: eventDedupRetentionMs, historyDays: rankingHistoryDays }).counted_events,
    );
    expect(Math.floor(epoch.getTime() / spanMs)).toBe(Math.floor(Date.now() / spanMs));
  });

  it('publishes the lists by itself shortly after views are applied', async () => {
    const third = articles[2] as TestArticle;
    await queue.add(
      JOB_NAMES.applyEvents,
      payload(
        third,
        Array.from({ length: 99 }, (_, i) => `listed-${i}`),
      ),
      EVENT_JOB_OPTIONS,
    );
    const names = publishedListNames(prefix);
    const top = await eventually(
      async () => {
        const json = await redis.hget(names.lists, 'ranking:24h:all');
        const item = json ? (JSON.parse(json) as PublishedList) : undefined;
        return item && (item.body as RankingListBody).items[0]?.views === 99 ? (item.body as RankingListBody).items[0] : undefined;
      },
      15_000,
      'a published ranking',
    );
    expect(top?.article.id).toBe(third.id);
  });

  it('a malformed job fails alone and does not block the others', async () => {
    const bad = await queue.add(
      JOB_NAMES.applyEvents,
      { events: [{ eventId: 'x', articleId: 'not-a-uuid', occurredAt: 0 }] },
      { ...EVENT_JOB_OPTIONS, removeOnFail: false },
    );
    await eventually(async () => ((await bad.isFailed()) ? true : undefined), 15_000, 'the malformed job to fail');
    const first = articles[0] as TestArticle;
    await queue.add(JOB_NAMES.applyEvents, payload(first, ['after-the-bad-one']), EVENT_JOB_OPTIONS);
    await eventually(async () => ((await viewsOf(first)) === 51 ? true : undefined), 15_000, 'the next job');
  });
});
