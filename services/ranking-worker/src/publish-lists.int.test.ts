import { WindowVisitors } from '@newsrank/analytics';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPublishedListAt, type Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { clusterMetricsKey } from '@newsrank/metrics';
import { decodePublishedList, publishedListNames, readPublishedList } from '@newsrank/published-lists';
import type { PopularListBody, RankingListBody } from '@newsrank/ranking';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';
import { publishLists, type PublisherDeps } from './publish-lists.ts';

const HOUR = 3_600_000;
const H = 6 * HOUR;
const logger = createLogger({ level: 'silent', name: 'test' });

let database: TestDatabase;
let db: Db;
let redis: Redis;
let prefix: string;
let deps: PublisherDeps;
let articles: TestArticle[];
let eventCounter = 0;

const article = (i: number) => articles[i] as TestArticle;
/** `count` views of article i at `occurredAt`, applied as the worker would. */
const views = async (i: number, count: number, occurredAt = Date.now()) => {
  const events = Array.from({ length: count }, () => ({ eventId: `e-${eventCounter++}`, articleId: article(i).id, occurredAt }));
  await applyViews(db, events, H);
  await redis.incr(deps.names.appliedCounter);
};
const published = async (key: string) => {
  const json = await redis.hget(deps.names.lists, key);
  const decoded = json ? decodePublishedList(json) : undefined;
  return decoded?.ok ? decoded.list : undefined;
};
const rankingItems = async (key: string) =>
  ((await published(key))?.body as RankingListBody | undefined)?.items.map((i) => [i.article.id, i.views, i.rank, i.previousRank]);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  prefix = testQueuePrefix();
  redis = new Redis(TEST_REDIS_URL);
  deps = {
    db,
    redis,
    names: publishedListNames(prefix),
    metricsKey: clusterMetricsKey(prefix),
    halfLifeMs: H,
    trendingMinViews: 10,
    logger,
    visitors: new WindowVisitors(redis, prefix),
  };
  // Five articles, in politics (0, 2, 4) and economy (1, 3).
  articles = await insertArticles(db, 5, { categories: ['Politics', 'Economy'] });
  await maintainLandmark(db, H, Date.now(), logger);
});
afterAll(async () => {
  redis?.disconnect();
  if (prefix) await deleteQueuePrefix(prefix);
  await database?.drop();
});

describe('publishing lists', () => {
  it('publishes site-wide and per-category rankings and popular lists with exact counts', async () => {
    await views(0, 5);
    await views(1, 3);
    await views(2, 3, Date.now() - 2 * 86_400_000);
    await views(4, 1, Date.now() - 3 * HOUR);
    const outcome = await publishLists(deps);
    expect(outcome.status).toBe('published');

    expect(await rankingItems('ranking:24h:all')).toEqual([
      [article(0).id, 5, 1, null],
      [article(1).id, 3, 2, null],
      [article(4).id, 1, 3, null],
    ]);
    expect(await rankingItems('ranking:1h:all')).toEqual([
      [article(0).id, 5, 1, null],
      [article(1).id, 3, 2, null],
    ]);
    // Ties (article 1 and 2, three views each) go to the newer publication: article 2.
    expect((await rankingItems('ranking:7d:all'))?.map((i) => i[0])).toEqual([article(0).id, article(2).id, article(1).id, article(4).id]);
    expect((await rankingItems('ranking:24h:politics'))?.map((i) => i[0])).toEqual([article(0).id, article(4).id]);
    expect((await rankingItems('ranking:24h:economy'))?.map((i) => i[0])).toEqual([article(1).id]);

    const popular = (await published('popular:all'))?.body as PopularListBody;
    expect(popular.items.map((i) => i.article.id)).toEqual([article(0).id, article(1).id, article(4).id, article(2).id]);
    expect(popular.items[0]?.score).toBeCloseTo(5, 1);
    expect(popular.items[2]?.score).toBeCloseTo(2 ** -0.5, 2);
  });

  it('does nothing on a tick without new views in the same minute', async () => {
    const nowMs = Date.now();
    await publishLists(deps, nowMs);
    expect(await publishLists(deps, nowMs)).toEqual({ status: 'idle' });
  });

  it('republishes only the lists whose content changed, with the previous ranks', async () => {
    const before = await published('ranking:24h:economy');
    await views(1, 4);
    const outcome = await publishLists(deps);
    expect(outcome.status === 'published' && outcome.changed).toContain('ranking:24h:economy');
    expect((await published('ranking:24h:economy'))?.etag).not.toBe(before?.etag);
    expect(await rankingItems('ranking:24h:all')).toEqual([
      [article(1).id, 7, 1, 2],
      [article(0).id, 5, 2, 1],
      [article(4).id, 1, 3, 3],
    ]);
    const politics = await published('ranking:24h:politics');
    await views(3, 1);
    await publishLists(deps);
    expect((await published('ranking:24h:politics'))?.etag).toBe(politics?.etag);
  });

  it('empties a list once its views leave the window', async () => {
    await publishLists(deps, Date.now() + 2 * HOUR);
    expect(await rankingItems('ranking:1h:all')).toEqual([]);
    expect(await rankingItems('ranking:1h:economy')).toEqual([]);
    expect((await rankingItems('ranking:24h:all'))?.length).toBe(4);
  });

  it('keeps every version in history, found by the moment it was current', async () => {
    const current = await published('ranking:24h:all');
    const now = new Date();
    const found = await findPublishedListAt(db, 'ranking:24h:all', now);
    const stored = readPublishedList(found?.payload);
    expect(stored.ok && stored.list.etag).toBe(current?.etag);
    expect(await findPublishedListAt(db, 'ranking:24h:all', new Date(now.getTime() - 86_400_000))).toBeUndefined();
  });

  it('two publishers on the same tick compute the lists once', async () => {
    await views(0, 1);
    const outcomes = await Promise.all([publishLists(deps), publishLists(deps)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['busy', 'published']);
  });

  it('sends each new version on the channel', async () => {
    const subscriber = new Redis(TEST_REDIS_URL);
    const messages: string[] = [];
    await subscriber.subscribe(deps.names.channel);
    subscriber.on('message', (_channel, message) => messages.push(message));
    await views(2, 2);
    await publishLists(deps);
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscriber.disconnect();
    const keys = messages.map((m) => {
      const decoded = decodePublishedList(m);
      return decoded.ok ? decoded.list.key : undefined;
    });
    expect(keys).toContain('ranking:24h:politics');
    expect(keys).toContain('popular:politics');
    expect(keys).not.toContain('ranking:24h:economy');
  });
});
