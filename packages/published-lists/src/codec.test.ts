import { describe, expect, it } from 'vitest';
import type { PublishedList } from '@newsrank/ranking';
import { decodePublishedList, encodePublishedList, readPublishedList } from './codec.ts';

const article = { id: 'a1', title: 'Title', url: 'https://news.example/a1', category: 'Politics', publishedAt: '2025-01-13T08:00:00Z' };
const ranking: PublishedList = {
  key: 'ranking:24h:politics',
  etag: 'e1',
  contentHash: 'h1',
  publishedAtMs: 1_736_760_000_000,
  body: {
    window: '24h',
    category: 'politics',
    generatedAt: '2025-01-13T10:00:00Z',
    items: [{ rank: 1, previousRank: null, views: 3, visitors: 3, article }],
  },
};
const popular: PublishedList = {
  key: 'popular:all',
  etag: 'e2',
  contentHash: 'h2',
  publishedAtMs: 1_736_760_000_000,
  body: {
    category: null,
    halfLife: '6h',
    generatedAt: '2025-01-13T10:00:00Z',
    items: [{ rank: 1, previousRank: 2, score: 1.5, article: { ...article, url: null } }],
  },
};

const trending: PublishedList = {
  key: 'trending:all',
  etag: 'e3',
  contentHash: 'h3',
  publishedAtMs: 1_736_760_000_000,
  body: {
    category: null,
    generatedAt: '2025-01-13T10:00:00Z',
    items: [{ rank: 1, previousRank: null, score: 39.5, views: 40, baseline: 0.25, article }],
  },
};

/** A copy of `list` with one change made to its JSON form. */
const altered = (list: PublishedList, change: (value: any) => void) => {
  const value = JSON.parse(JSON.stringify(list));
  change(value);
  return JSON.stringify(value);
};

describe('encodePublishedList and decodePublishedList', () => {
  it.each([
    ['an access ranking', ranking],
    ['a popular list', popular],
    ['a trending list', trending],
  ])('%s reads back as it was written', (_, list) => {
    expect(decodePublishedList(encodePublishedList(list))).toEqual({ ok: true, list });
  });

  it('a list already parsed (a jsonb history row) is checked the same way', () => {
    expect(readPublishedList(JSON.parse(encodePublishedList(popular)))).toEqual({ ok: true, list: popular });
    expect(readPublishedList(null)).toEqual({ ok: false, problem: 'not an object' });
  });

  it.each([
    ['text that is not JSON', '{"key":', 'not JSON'],
    ['a JSON array', '[]', 'not an object'],
    ['a key that names no list', altered(ranking, (v) => (v.key = 'rising:all')), 'key "rising:all" names no list'],
    ['a missing etag', altered(ranking, (v) => delete v.etag), 'etag is not a string'],
    ['a missing contentHash', altered(ranking, (v) => delete v.contentHash), 'contentHash is not a string'],
    ['a publication time as text', altered(ranking, (v) => (v.publishedAtMs = 'now')), 'publishedAtMs is not a number'],
    ['no body', altered(ranking, (v) => delete v.body), 'body is not an object'],
    ['a category other than the key names', altered(ranking, (v) => (v.body.category = 'science')), 'body.category is not "politics"'],
    ['a window other than the key names', altered(ranking, (v) => (v.body.window = '1h')), 'body: window is not 24h'],
    ['a popular list without its half-life', altered(popular, (v) => delete v.body.halfLife), 'body: halfLife is not a string'],
    [
      'a trending item without its baseline',
      altered(trending, (v) => delete v.body.items[0].baseline),
      'body: items[0].baseline is not a number',
    ],
    ['a trending item without a score', altered(trending, (v) => delete v.body.items[0].score), 'body.items[0]: score is not a number'],
    ['items that are not a list', altered(ranking, (v) => (v.body.items = {})), 'body.items is not a list'],
    ['a ranking item without views', altered(ranking, (v) => delete v.body.items[0].views), 'body.items[0]: views is not a number'],
    ['a popular item without a score', altered(popular, (v) => delete v.body.items[0].score), 'body.items[0]: score is not a number'],
    ['a fractional rank', altered(ranking, (v) => (v.body.items[0].rank = 1.5)), 'body.items[0]: rank is not an integer'],
    [
      'an article without a title',
      altered(ranking, (v) => delete v.body.items[0].article.title),
      'body.items[0]: article has no id or title',
    ],
  ])('refuses %s', (_, json, problem) => {
    expect(decodePublishedList(json)).toEqual({ ok: false, problem });
  });
});
