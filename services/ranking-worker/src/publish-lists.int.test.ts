import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPublishedListAt, type Db } from '@newsrank/db';
import { decodePublishedList, readPublishedList } from '@newsrank/published-lists';
import type { PopularListBody, RankingListBody } from '@newsrank/ranking';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../../../test/support/redis.ts';
import type { TestArticle } from '../../../test/support/ranking.ts';
import { openPublisherFixture, type PublisherFixture } from './publisher-fixture.ts';
import { publishLists, type PublisherDeps } from './publish-lists.ts';

const HOUR = 3_600_000;

let fixture: PublisherFixture;
let db: Db;
let redis: Redis;
let deps: PublisherDeps;

const article = (i: number) => fixture.articles[i] as TestArticle;
const views = (i: number, count: number, occurredAt?: number) => fixture.views(i, count, occurredAt);
const published = (key: string) => fixture.published(key);
const rankingItems = async (key: string) =>
  ((await published(key))?.body as RankingListBody | undefined)?.items.map((i) => [i.article.id, i.views, i.rank, i.previousRank]);

beforeAll(async () => {
  fixture = await openPublisherFixture();
  ({ db, redis, deps } = fixture);
});
afterAll(async () => {
  await fixture?.close();
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
