import { WindowVisitors } from '@newsrank/analytics';
import { Redis } from 'ioredis';
import type { Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { clusterMetricsKey } from '@newsrank/metrics';
import { decodePublishedList, publishedListNames } from '@newsrank/published-lists';
import type { PublishedList } from '@newsrank/ranking';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';
import type { PublisherDeps } from './publish-lists.ts';

export const PUBLISHER_HALF_LIFE_MS = 6 * 3_600_000;

/** A publisher's own database and queue prefix, five articles in politics (0, 2, 4) and economy (1, 3). */
export interface PublisherFixture {
  db: Db;
  redis: Redis;
  deps: PublisherDeps;
  articles: TestArticle[];
  /** `count` views of article i at `occurredAt`, applied as the worker would. */
  views(i: number, count: number, occurredAt?: number): Promise<void>;
  /** The list published under `key`, decoded. */
  published(key: string): Promise<PublishedList | undefined>;
  close(): Promise<void>;
}

export async function openPublisherFixture(): Promise<PublisherFixture> {
  const logger = createLogger({ level: 'silent', name: 'test' });
  const database: TestDatabase = await createTestDatabase();
  const { db } = database;
  const prefix = testQueuePrefix();
  const redis = new Redis(TEST_REDIS_URL);
  const deps: PublisherDeps = {
    db,
    redis,
    names: publishedListNames(prefix),
    metricsKey: clusterMetricsKey(prefix),
    halfLifeMs: PUBLISHER_HALF_LIFE_MS,
    trendingMinViews: 10,
    visitors: new WindowVisitors(redis, prefix),
    readLanes: 3,
    logger,
  };
  const articles = await insertArticles(db, 5, { categories: ['Politics', 'Economy'] });
  await maintainLandmark(db, PUBLISHER_HALF_LIFE_MS, Date.now(), logger);
  let eventCounter = 0;

  return {
    db,
    redis,
    deps,
    articles,
    async views(i, count, occurredAt = Date.now()) {
      const articleId = (articles[i] as TestArticle).id;
      const events = Array.from({ length: count }, () => ({ eventId: `e-${eventCounter++}`, articleId, occurredAt }));
      await applyViews(db, events, PUBLISHER_HALF_LIFE_MS);
      await redis.incr(deps.names.appliedCounter);
    },
    async published(key) {
      const json = await redis.hget(deps.names.lists, key);
      const decoded = json ? decodePublishedList(json) : undefined;
      return decoded?.ok ? decoded.list : undefined;
    },
    async close() {
      redis.disconnect();
      await deleteQueuePrefix(prefix);
      await database.drop();
    },
  };
}
