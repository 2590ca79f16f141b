import { describe, expect, it } from 'vitest';
import { DocumentError, parseDocument, type ParseResult } from './index.ts';

const parseText = (text: string): ParseResult => parseDocument(Buffer.from(text), { now: new Date('2025-01-14T00:00:00Z') });
const parse = (doc: unknown): ParseResult => parseText(JSON.stringify(doc));

describe('native JSON articles', () => {
  it('reads every field of an article', () => {
    const result = parse({
      articles: [
        {
          guid: 'g1',
          url: 'https://news.example/1',
          title: 'Title',
          summary: '<p>Sum</p>',
          contentHtml: '<p onclick="x">Body</p>',
          author: 'Desk',
          category: 'Politics',
          tags: ['Japan', 'Korea'],
          dateline: 'SEOUL',
          imageUrl: 'https://cdn.example/1.jpg',
          imageCaption: 'Caption',
          language: 'ja',
          publishedAt: '2025-01-13T18:42:00+09:00',
          updatedAt: 1736761320,
        },
      ],
    });
    expect(result.format).toBe('native-json');
    expect(result.articles[0]).toEqual({
      guid: 'g1',
      url: 'https://news.example/1',
      title: 'Title',
      summary: 'Sum',
      contentHtml: '<p>Body</p>',
      author: 'Desk',
      category: 'Politics',
      tags: ['Japan', 'Korea'],
      dateline: 'SEOUL',
      imageUrl: 'https://cdn.example/1.jpg',
      imageCaption: 'Caption',
      language: 'ja',
      publishedAt: '2025-01-13T09:42:00Z',
      updatedAt: '2025-01-13T09:42:00Z',
      publishedAtOrigin: 'feed',
      publishedTimeZone: '+09:00',
      warnings: [],
    });
  });

  it.each([
    [{ url: 'https://x.example/' }, 'title is required'],
    [{ title: '   ' }, 'title is required'],
    [{ title: 7 }, 'title must be a string'],
    [{ title: 't', url: 'javascript:alert(1)' }, 'url must be an http(s) URL'],
    [{ title: 't', imageUrl: 'data:image/png;base64,AAAA' }, 'imageUrl must be an http(s) URL'],
    [{ title: 't', tags: 'one' }, 'tags must be an array of strings'],
    [{ title: 't', publishedAt: '31 Feb 2025' }, 'publishedAt is not a readable date'],
    [{ title: 't', updatedAt: { at: 1 } }, 'updatedAt is not a readable date'],
    ['just a string', 'article is not a JSON object'],
  ])('rejects %j with a reason, keeping the others', (bad, reason) => {
    const result = parse({ articles: [{ title: 'before' }, bad, { title: 'after' }] });
    expect(result.rejected).toEqual([{ index: 1, reason }]);
    expect(result.articles.map((a) => a.title)).toEqual(['before', 'after']);
  });

  it('never lets __proto__ or constructor keys touch Object.prototype', () => {
    const result = parseText(
      '{"articles": [{"title": "t", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}], "__proto__": {"polluted": "yes"}}',
    );
    expect(result.articles).toHaveLength(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(result.articles[0])).toBe(Object.prototype);
    expect(Object.keys(result.articles[0]!)).not.toContain('__proto__');
  });

  it('accepts 1000 articles and refuses 1001', () => {
    const many = (n: number) => ({ articles: Array.from({ length: n }, (_, i) => ({ title: `t${i}` })) });
    expect(parse(many(1000)).articles).toHaveLength(1000);
    expect(() => parse(many(1001))).toThrow(DocumentError);
  });

  it('refuses "articles" that is not an array', () => {
    expect(() => parse({ articles: {} })).toThrow(expect.objectContaining({ code: 'unparseable' }));
  });
});
