import { describe, expect, it } from 'vitest';
import { listKey, parseListKey, popularListKey, rankingListKey, trendingListKey, type ListKeyParts } from './list-key.ts';
import { RANKING_WINDOWS } from './windows.ts';

describe('list keys', () => {
  it.each([
    [rankingListKey('24h', null), 'ranking:24h:all'],
    [rankingListKey('24h', 'politics'), 'ranking:24h:politics'],
    [rankingListKey('1h', 'world-news'), 'ranking:1h:world-news'],
    [rankingListKey('30d', '政治'), 'ranking:30d:%E6%94%BF%E6%B2%BB'],
    [rankingListKey('7d', 'a:b'), 'ranking:7d:a%3Ab'],
    [popularListKey(null), 'popular:all'],
    [popularListKey('politics'), 'popular:politics'],
    [trendingListKey(null), 'trending:all'],
    [trendingListKey('world-news'), 'trending:world-news'],
  ])('builds %s', (built, expected) => {
    expect(built).toBe(expected);
  });

  it.each(['all', ''])('refuses the category slug %j, which would collide with the list of all categories', (slug) => {
    expect(() => rankingListKey('24h', slug)).toThrow(RangeError);
    expect(() => popularListKey(slug)).toThrow(RangeError);
    expect(() => trendingListKey(slug)).toThrow(RangeError);
  });

  const everyKind: ListKeyParts[] = [
    ...RANKING_WINDOWS.flatMap((window) =>
      [null, 'politics', '政治', 'a:b', '100%'].map((categorySlug) => ({ kind: 'ranking' as const, window, categorySlug })),
    ),
    ...[null, 'politics', '政治', 'a:b', '100%'].map((categorySlug) => ({ kind: 'popular' as const, categorySlug })),
    ...[null, 'politics', '政治', 'a:b', '100%'].map((categorySlug) => ({ kind: 'trending' as const, categorySlug })),
  ];
  it.each(everyKind)('reads back %j from its key', (parts) => {
    expect(parseListKey(listKey(parts))).toEqual(parts);
  });

  it.each([
    ['ranking:24h:all', { kind: 'ranking', window: '24h', categorySlug: null }],
    ['popular:sports', { kind: 'popular', categorySlug: 'sports' }],
    ['trending:sports', { kind: 'trending', categorySlug: 'sports' }],
    ['trending:1h:all', null],
    ['trending:%61ll', null],
    ['ranking:2h:all', null],
    ['ranking:24h', null],
    ['ranking:24h:all:extra', null],
    ['popular:24h:all', null],
    ['popular:', null],
    ['popular:%61ll', null],
    ['popular:pol%69tics', null],
    ['popular:%E0%A4%A', null],
    ['Popular:all', null],
    ['', null],
  ])('parses %j as %j', (key, expected) => {
    expect(parseListKey(key)).toEqual(expected);
  });
});
