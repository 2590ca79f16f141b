import { describe, expect, it } from 'vitest';
import { decayWeight } from './forward-decay.ts';
import {
  buildPopularList,
  buildRankingList,
  buildTrendingList,
  formatDuration,
  type ListEntryInput,
  type PopularListBody,
  type TrendingEntryInput,
  type TrendingListBody,
} from './published-list.ts';

const HOUR = 3_600_000;
const H = 6 * HOUR;
const NOW = Date.parse('2025-01-13T12:00:00Z');
const T0 = Date.parse('2025-01-13T00:00:00Z');

const entry = (id: string, value: number, publishedAt: string | null = '2025-01-13T08:00:00Z'): ListEntryInput => ({
  value,
  article: { id, title: `Title ${id}`, url: `https://news.example/${id}`, category: 'Politics', publishedAt },
});
const ranking = (entries: ListEntryInput[], previous: ReturnType<typeof buildRankingList> = null, generatedAtMs = NOW) =>
  buildRankingList({ key: 'ranking:24h:all', generatedAtMs, previous }, { window: '24h', categorySlug: null }, entries);
const popular = (entries: ListEntryInput[], previous: ReturnType<typeof buildPopularList> = null, generatedAtMs = NOW) =>
  buildPopularList({ key: 'popular:all', generatedAtMs, previous }, { categorySlug: null, t0Ms: T0, halfLifeMs: H }, entries);

describe('buildRankingList', () => {
  it('ranks by views, then newer publication, then id, and marks every entry new the first time', () => {
    const list = ranking([entry('b', 5), entry('a', 5), entry('c', 9), entry('d', 5, '2025-01-13T11:00:00Z')]);
    expect(list?.body).toMatchObject({ window: '24h', category: null, generatedAt: '2025-01-13T12:00:00Z' });
    expect(list?.body.items.map((i) => [i.article.id, i.rank, i.previousRank])).toEqual([
      ['c', 1, null],
      ['d', 2, null],
      ['a', 3, null],
      ['b', 4, null],
    ]);
  });

  it('an unchanged list is not published again, however much later it is computed', () => {
    const first = ranking([entry('a', 3), entry('b', 2)]);
    expect(ranking([entry('b', 2), entry('a', 3)], first, NOW + 60_000)).toBeNull();
  });

  it('a changed list carries the ranks of the version before it', () => {
    const first = ranking([entry('a', 3), entry('b', 2)]);
    const second = ranking([entry('a', 3), entry('b', 4), entry('c', 1)], first);
    expect(second?.body.items.map((i) => [i.article.id, i.rank, i.previousRank])).toEqual([
      ['b', 1, 2],
      ['a', 2, 1],
      ['c', 3, null],
    ]);
    expect(second?.etag).not.toBe(first?.etag);
  });

  it('the ETag does not depend on generatedAt', () => {
    const entries = [entry('a', 3)];
    expect(ranking(entries, null, NOW)?.etag).toBe(ranking(entries, null, NOW + 5_000)?.etag);
  });

  it('keeps at most 100 entries', () => {
    const entries = Array.from({ length: 150 }, (_, i) => entry(`id-${String(i).padStart(3, '0')}`, i));
    expect(ranking(entries)?.body.items).toHaveLength(100);
  });
});

describe('buildPopularList', () => {
  it('100 views now and 100 views one half-life ago score 150', () => {
    const accumulator = 100 * decayWeight(NOW, T0, H) + 100 * decayWeight(NOW - H, T0, H);
    expect((popular([entry('a', accumulator)])?.body as PopularListBody).items[0]?.score).toBeCloseTo(150, 3);
  });

  it('is not republished while only time passes, so its ETag holds', () => {
    const first = popular([entry('a', 10), entry('b', 4)]);
    expect(popular([entry('a', 10), entry('b', 4)], first, NOW + 3 * HOUR)).toBeNull();
  });

  it('is republished when an accumulator grows', () => {
    const first = popular([entry('a', 10), entry('b', 4)]);
    expect(popular([entry('a', 10), entry('b', 5)], first)?.body.items.map((i) => i.previousRank)).toEqual([1, 2]);
  });

  it('states its half-life', () => {
    expect(popular([])?.body).toMatchObject({ halfLife: '6h', items: [] });
  });
});

const rising = (id: string, views: number, baselineViews: number, publishedAt = '2025-01-13T08:00:00Z'): TrendingEntryInput => ({
  views,
  baselineViews,
  article: { id, title: `Title ${id}`, url: `https://news.example/${id}`, category: 'Politics', publishedAt },
});
const trending = (entries: TrendingEntryInput[], previous: ReturnType<typeof buildTrendingList> = null, generatedAtMs = NOW) =>
  buildTrendingList({ key: 'trending:all', generatedAtMs, previous }, { categorySlug: null }, entries);
const trendingItems = (list: ReturnType<typeof buildTrendingList>) =>
  (list?.body as TrendingListBody | undefined)?.items.map((i) => [i.article.id, i.rank, i.score, i.views, i.baseline]);

describe('buildTrendingList', () => {
  it('ranks by score and shows views, baseline and score rounded to three decimals', () => {
    // a: 40 against nothing; b: 30 against 72/24 = 3 an hour, (30 − 3) / 2 = 13.5; c: 20 against 10/24, 19.583 / sqrt(1.417).
    const list = trending([rising('b', 30, 72), rising('a', 40, 0), rising('c', 20, 10)]);
    expect(list?.body).toMatchObject({ category: null, generatedAt: '2025-01-13T12:00:00Z' });
    expect(trendingItems(list)).toEqual([
      ['a', 1, 40, 40, 0],
      ['c', 2, 16.453, 20, 0.417],
      ['b', 3, 13.5, 30, 3],
    ]);
  });

  it('leaves out articles that do not rise above their baseline', () => {
    expect(trendingItems(trending([rising('steady', 12, 288), rising('falling', 10, 480), rising('up', 13, 288)]))).toEqual([
      ['up', 1, 0.277, 13, 12],
    ]);
  });

  it('breaks ties by the newer publication, then the id', () => {
    const list = trending([rising('b', 20, 0), rising('a', 20, 0), rising('n', 20, 0, '2025-01-13T11:00:00Z')]);
    expect(trendingItems(list)?.map((i) => i[0])).toEqual(['n', 'a', 'b']);
  });

  it('is not republished while views and baselines stay, and carries previous ranks when they change', () => {
    const first = trending([rising('a', 40, 0), rising('b', 30, 0)]);
    expect(trending([rising('b', 30, 0), rising('a', 40, 0)], first, NOW + 60_000)).toBeNull();
    const second = trending([rising('a', 40, 0), rising('b', 50, 0)], first);
    expect(second?.body.items.map((i) => [i.article.id, i.previousRank])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    expect(second?.etag).not.toBe(first?.etag);
  });

  it('a change of baseline alone is a new version', () => {
    const first = trending([rising('a', 40, 0)]);
    expect(trending([rising('a', 40, 24)], first)?.body.items[0]).toMatchObject({ baseline: 1 });
  });

  it('keeps at most 100 entries', () => {
    const entries = Array.from({ length: 150 }, (_, i) => rising(`id-${String(i).padStart(3, '0')}`, 10 + i, 0));
    expect(trending(entries)?.body.items).toHaveLength(100);
  });
});

describe('formatting', () => {
  it.each([
    [6 * HOUR, '6h'],
    [90 * 60_000, '90m'],
    [86_400_000, '1d'],
    [1500, '1500ms'],
  ])('%d ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
