import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPublishedListAt, type Db } from '@newsrank/db';
import { readPublishedList } from '@newsrank/published-lists';
import type { TrendingListBody } from '@newsrank/ranking';
import type { TestArticle } from '../../../test/support/ranking.ts';
import { openPublisherFixture, type PublisherFixture } from './publisher-fixture.ts';
import { publishLists, type PublisherDeps } from './publish-lists.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const t0 = Date.now();

let fixture: PublisherFixture;
let db: Db;
let deps: PublisherDeps;

const article = (i: number) => fixture.articles[i] as TestArticle;
const views = (i: number, count: number, occurredAt: number) => fixture.views(i, count, occurredAt);
/** The same views every hour, at half past, over the last `hours` hours: the half past within the 1h window too. */
const everyHour = async (i: number, perHour: number, hours: number) => {
  for (let h = 0; h < hours; h++) await views(i, perHour, t0 - h * HOUR - 30 * MINUTE);
};
const published = (key: string) => fixture.published(key);
const trendingItems = async (key: string) =>
  ((await published(key))?.body as TrendingListBody | undefined)?.items.map((i) => [i.article.id, i.rank, i.views, i.baseline, i.score]);

beforeAll(async () => {
  fixture = await openPublisherFixture();
  ({ db, deps } = fixture);
  // 0 rises from nothing; 1 has as many views in the last hour as in every hour before; 2 rises
  // but stays below the minimum; 3 rises from 2 an hour to 20.
  await views(0, 30, t0 - 5 * MINUTE);
  await everyHour(1, 12, 26);
  await views(2, 8, t0 - 5 * MINUTE);
  await everyHour(3, 2, 26);
  await views(3, 18, t0 - 10 * MINUTE);
});
afterAll(async () => {
  await fixture?.close();
});

describe('publishing the trending lists', () => {
  it('lists the articles rising above their baseline, site-wide and per category, with views, baseline and score', async () => {
    const outcome = await publishLists(deps, t0);
    expect(outcome.status === 'published' && outcome.changed).toEqual(
      expect.arrayContaining(['trending:all', 'trending:politics', 'trending:economy']),
    );
    // 3: r = 20 (18 plus the half past), e = 48 / 24 = 2, (20 − 2) / sqrt(3) = 10.392.
    expect(await trendingItems('trending:all')).toEqual([
      [article(0).id, 1, 30, 0, 30],
      [article(3).id, 2, 20, 2, 10.392],
    ]);
    expect(await trendingItems('trending:politics')).toEqual([[article(0).id, 1, 30, 0, 30]]);
    expect(await trendingItems('trending:economy')).toEqual([[article(3).id, 1, 20, 2, 10.392]]);
  });

  it('keeps its version while views below the minimum come in', async () => {
    const before = await published('trending:all');
    await views(2, 1, t0 - MINUTE);
    await views(4, 3, t0 - MINUTE);
    await publishLists(deps, t0 + 1000);
    expect((await published('trending:all'))?.etag).toBe(before?.etag);
  });

  it('takes in an article once it reaches the minimum, with the ranks before', async () => {
    // 2 now has 8 + 1 + 2 views in the last hour and none before.
    await views(2, 2, t0 - MINUTE);
    await publishLists(deps, t0 + 2000);
    const items = ((await published('trending:all'))?.body as TrendingListBody).items;
    expect(items.map((i) => [i.article.id, i.rank, i.previousRank, i.views])).toEqual([
      [article(0).id, 1, 1, 30],
      [article(2).id, 2, null, 11],
      [article(3).id, 3, 2, 20],
    ]);
  });

  it('keeps every version in history', async () => {
    const current = await published('trending:politics');
    const stored = readPublishedList((await findPublishedListAt(db, 'trending:politics', new Date()))?.payload);
    expect(stored.ok && stored.list.etag).toBe(current?.etag);
  });

  it('empties every trending list once the views leave the hour', async () => {
    await publishLists(deps, t0 + 2 * HOUR);
    expect(await trendingItems('trending:all')).toEqual([]);
    expect(await trendingItems('trending:politics')).toEqual([]);
    expect(await trendingItems('trending:economy')).toEqual([]);
  });
});
