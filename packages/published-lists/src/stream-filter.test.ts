import { describe, expect, it } from 'vitest';
import type { PublishedList } from '@newsrank/ranking';
import { currentLists, namedLists, streamedListEvent, type StreamFilter } from './stream-filter.ts';

const published = (key: string, items: number): PublishedList => ({
  key,
  etag: `"${key}"`,
  contentHash: key,
  publishedAtMs: 1,
  body: {
    window: '24h',
    category: null,
    generatedAt: '2026-01-01T00:00:00Z',
    items: Array.from({ length: items }, (_, i) => ({
      rank: i + 1,
      previousRank: null,
      views: 1,
      visitors: 1,
      article: { id: `${i}`, title: 't', url: null, category: null, publishedAt: null },
    })),
  },
});
const empty = () => ({ etag: '"empty"', body: { category: null, halfLife: '6h', generatedAt: '', items: [] } as PublishedList['body'] });
const filter = (over: Partial<StreamFilter>): StreamFilter => ({
  window: undefined,
  category: undefined,
  kind: undefined,
  limit: 10,
  ...over,
});

describe('what a list stream opens with', () => {
  it('names the lists a filter is sure to cover', () => {
    expect(namedLists(filter({ window: '1h', category: 'politics' }))).toEqual([
      { kind: 'ranking', window: '1h', categorySlug: 'politics' },
    ]);
    expect(namedLists(filter({ kind: 'popular', category: null }))).toEqual([{ kind: 'popular', categorySlug: null }]);
    expect(namedLists(filter({ kind: 'trending', category: 'politics' }))).toEqual([{ kind: 'trending', categorySlug: 'politics' }]);
    expect(namedLists(filter({})).map((parts) => parts.kind)).toEqual(['ranking', 'ranking', 'ranking', 'ranking', 'popular', 'trending']);
    expect(namedLists(filter({})).every((parts) => parts.categorySlug === null)).toBe(true);
  });

  it('is every matching published list, and the named ones not yet published, empty', () => {
    const lists = [published('ranking:24h:all', 30), published('ranking:1h:world', 3), published('popular:all', 12)];
    const shown = currentLists(lists, filter({ kind: 'ranking', category: null }), empty);
    expect(shown.map((list) => list.key)).toEqual(['ranking:24h:all', 'ranking:1h:all', 'ranking:7d:all', 'ranking:30d:all']);
    expect(shown[1]).toMatchObject({ publishedAtMs: null, etag: '"empty"' });
    expect(currentLists(lists, filter({}), empty).map((list) => list.key)).toEqual([
      'ranking:24h:all',
      'ranking:1h:world',
      'popular:all',
      'ranking:1h:all',
      'ranking:7d:all',
      'ranking:30d:all',
      'trending:all',
    ]);
  });
});

describe('a list event of the stream', () => {
  it('names the list by key, kind, window and category, and carries its first limit items', () => {
    const event = streamedListEvent(published('ranking:24h:all', 30), 5);
    expect(event).toMatchObject({ key: 'ranking:24h:all', kind: 'ranking', window: '24h', category: null, etag: '"ranking:24h:all"' });
    expect(event.generatedAt).toBe('2026-01-01T00:00:00Z');
    expect(event.list.items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('of a list without a window has none, and names its category', () => {
    const event = streamedListEvent(published('popular:world', 3), 10);
    expect(event).toMatchObject({ kind: 'popular', window: undefined, category: 'world' });
    expect(event.list.items).toHaveLength(3);
  });
});
