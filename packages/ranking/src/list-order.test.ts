import { describe, expect, it } from 'vitest';
import { listEtag, rankEntries, withPreviousRanks } from './list-order.ts';

type Entry = { articleId: string; value: number; publishedAt: Date | string | null };
const entry = (articleId: string, value: number, publishedAt: Date | string | null = null): Entry => ({
  articleId,
  value,
  publishedAt,
});
const order = (entries: Entry[], limit = 100) => rankEntries(entries, limit).map((e) => `${e.rank}:${e.articleId}`);

describe('rankEntries', () => {
  it.each([
    ['more views rank higher', [entry('a', 5), entry('b', 9), entry('c', 7)], ['1:b', '2:c', '3:a']],
    [
      'a tie goes to the newer article',
      [entry('old', 5, '2025-01-10T00:00:00Z'), entry('new', 5, '2025-01-12T00:00:00Z')],
      ['1:new', '2:old'],
    ],
    [
      'Date and ISO string publication times compare alike',
      [entry('s', 5, '2025-01-10T00:00:00Z'), entry('d', 5, new Date('2025-01-11T00:00:00Z'))],
      ['1:d', '2:s'],
    ],
    [
      'an unknown publication time loses a tie',
      [entry('undated', 5, null), entry('dated', 5, '2020-01-01T00:00:00Z')],
      ['1:dated', '2:undated'],
    ],
    [
      'an unparseable publication time counts as unknown',
      [entry('bad', 5, 'yesterday'), entry('dated', 5, '2020-01-01T00:00:00Z')],
      ['1:dated', '2:bad'],
    ],
    [
      'a tie on value and time goes to the smaller id',
      [entry('b', 5, '2025-01-10T00:00:00Z'), entry('a', 5, '2025-01-10T00:00:00Z'), entry('B', 5, null), entry('A', 5, null)],
      ['1:a', '2:b', '3:A', '4:B'],
    ],
    ['a NaN value sorts last', [entry('nan', Number.NaN), entry('zero', 0)], ['1:zero', '2:nan']],
    ['fractional scores order exactly', [entry('x', 149.9999), entry('y', 150)], ['1:y', '2:x']],
  ])('%s', (_name, entries, expected) => {
    expect(order(entries)).toEqual(expected);
  });

  it.each([
    [2, ['1:c', '2:b']],
    [0, []],
    [-3, []],
    [2.7, ['1:c', '2:b']],
    [10, ['1:c', '2:b', '3:a']],
  ])('a limit of %d keeps %j', (limit, expected) => {
    expect(order([entry('a', 1), entry('b', 2), entry('c', 3)], limit)).toEqual(expected);
  });

  it('extra fields ride along and the input is left untouched', () => {
    const input = [
      { ...entry('a', 1), title: 'A' },
      { ...entry('b', 2), title: 'B' },
    ];
    const ranked = rankEntries(input, 10);
    expect(ranked[0]).toEqual({ articleId: 'b', value: 2, publishedAt: null, title: 'B', rank: 1 });
    expect(input.map((e) => e.articleId)).toEqual(['a', 'b']);
  });

  it('the order does not depend on the input order', () => {
    const entries = [entry('a', 3, null), entry('b', 3, '2025-01-01T00:00:00Z'), entry('c', 4), entry('d', 3, null)];
    expect(order([...entries].reverse())).toEqual(order(entries));
  });
});

describe('withPreviousRanks', () => {
  const current = rankEntries([entry('a', 9), entry('b', 8), entry('c', 7)], 10);

  it('an article keeps the rank it held before, and a newcomer gets null', () => {
    const previous = [
      { articleId: 'b', rank: 1 },
      { articleId: 'a', rank: 2 },
      { articleId: 'z', rank: 3 },
    ];
    expect(withPreviousRanks(current, previous).map((e) => [e.articleId, e.rank, e.previousRank])).toEqual([
      ['a', 1, 2],
      ['b', 2, 1],
      ['c', 3, null],
    ]);
  });

  it('with no previous list every article is new', () => {
    expect(withPreviousRanks(current, null).map((e) => e.previousRank)).toEqual([null, null, null]);
    expect(withPreviousRanks(current, []).map((e) => e.previousRank)).toEqual([null, null, null]);
  });
});

describe('listEtag', () => {
  const list = {
    window: '24h',
    category: null,
    generatedAt: '2025-01-13T09:00:00Z',
    items: [{ rank: 1, previousRank: null, views: 12, article: { id: 'a', title: 'A', publishedAt: new Date(0) } }],
  };

  it('is a quoted strong validator', () => {
    expect(listEtag(list)).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });

  it('stays the same when only generatedAt changes', () => {
    expect(listEtag({ ...list, generatedAt: '2025-01-13T09:00:01Z' })).toBe(listEtag(list));
    const { generatedAt: _dropped, ...withoutGeneratedAt } = list;
    expect(listEtag(withoutGeneratedAt)).toBe(listEtag(list));
  });

  it('stays the same when properties were built in another order', () => {
    const reordered = {
      items: [{ article: { publishedAt: new Date(0), title: 'A', id: 'a' }, views: 12, previousRank: null, rank: 1 }],
      category: null,
      window: '24h',
    };
    expect(listEtag(reordered)).toBe(listEtag(list));
  });

  it.each([
    ['a view count', { ...list, items: [{ ...list.items[0]!, views: 13 }] }],
    ['a previous rank', { ...list, items: [{ ...list.items[0]!, previousRank: 2 }] }],
    ['the window', { ...list, window: '7d' }],
    ['the category', { ...list, category: 'politics' }],
    ['a title', { ...list, items: [{ ...list.items[0]!, article: { ...list.items[0]!.article, title: 'B' } }] }],
    ['the item count', { ...list, items: [] }],
  ])('changes when %s changes', (_name, changed) => {
    expect(listEtag(changed)).not.toBe(listEtag(list));
  });

  it('tells a string from a number and a missing key from a null one', () => {
    expect(listEtag({ score: 1 })).not.toBe(listEtag({ score: '1' }));
    expect(listEtag({ a: null })).not.toBe(listEtag({}));
    expect(listEtag({ a: undefined })).toBe(listEtag({}));
  });
});
