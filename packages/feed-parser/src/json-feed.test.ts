import { describe, expect, it } from 'vitest';
import { parseDocument, type ParseResult } from './index.ts';

const parse = (doc: unknown): ParseResult => parseDocument(Buffer.from(JSON.stringify(doc)));

describe('JSON Feed', () => {
  it('reads a JSON Feed 1.1 document', () => {
    const result = parse({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON news',
      home_page_url: ' https://news.example/ ',
      language: 'en',
      authors: [{ name: 'Feed Author' }],
      items: [
        {
          id: 42,
          url: 'https://news.example/42',
          title: 'Answer',
          summary: 'Short <not markup>',
          content_html: '<p>Body<script>x()</script></p>',
          image: 'https://cdn.example/42.jpg',
          date_published: '2025-01-13T18:42:00+09:00',
          date_modified: '2025-01-13T10:00:00Z',
          tags: ['Science', 'Space'],
        },
      ],
    });
    expect(result.format).toBe('json-feed');
    expect(result.feed).toEqual({ title: 'JSON news', url: 'https://news.example/', language: 'en' });
    expect(result.articles[0]).toMatchObject({
      guid: '42',
      url: 'https://news.example/42',
      title: 'Answer',
      summary: 'Short <not markup>',
      contentHtml: '<p>Body</p>',
      author: 'Feed Author',
      category: 'Science',
      tags: ['Science', 'Space'],
      imageUrl: 'https://cdn.example/42.jpg',
      publishedAt: '2025-01-13T09:42:00Z',
      updatedAt: '2025-01-13T10:00:00Z',
    });
  });

  it('reads the JSON Feed 1.0 author object and content_text', () => {
    const result = parse({
      version: 'https://jsonfeed.org/version/1',
      items: [{ id: 'a', content_text: 'Plain <b>text</b>', author: { name: 'Old Style' } }],
    });
    expect(result.articles[0]).toMatchObject({
      author: 'Old Style',
      summary: 'Plain <b>text</b>',
      contentHtml: '<p>Plain &lt;b&gt;text&lt;/b&gt;</p>',
    });
  });

  it.each([
    [
      { title: ['not', 'a', 'string'], id: 'x' },
      { title: 'x', guid: 'x', warnings: ['title missing; derived from its id'] },
    ],
    [{ id: true, title: 't' }, { guid: null }],
    [{ id: 'x', url: 42 }, { url: null }],
  ])('ignores values of the wrong type in %j', (item, expected) => {
    expect(parse({ items: [item] }).articles[0]).toMatchObject(expected);
  });

  it('treats any JSON object without "articles" as JSON Feed', () => {
    expect(parse({ title: 'No version', items: [] })).toMatchObject({ format: 'json-feed', feed: { title: 'No version' }, articles: [] });
  });

  it('rejects an item that is not an object and keeps the others', () => {
    const result = parse({ items: ['oops', { id: '1', title: 'fine' }] });
    expect(result.rejected).toEqual([{ index: 0, reason: 'item is not a JSON object' }]);
    expect(result.articles.map((a) => a.title)).toEqual(['fine']);
  });
});
