import { describe, expect, it } from 'vitest';
import { parseDocument, type ParseResult } from '../index.ts';

const parse = (xml: string): ParseResult => parseDocument(Buffer.from(xml), { now: new Date('2025-01-14T00:00:00Z') });

const atom10 = (entries: string, head = '') =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en_GB" xml:base="https://news.example/">` +
  `<title type="html">Example &amp;amp; Co</title><link rel="self" href="/feed.atom"/><link href="/"/>` +
  `<author><name>Feed Author</name></author>${head}${entries}</feed>`;

describe('Atom 1.0', () => {
  it('reads the feed and a complete entry', () => {
    const result = parse(
      atom10(`<entry>
      <id>tag:news.example,2025:1</id>
      <title type="text">1 &lt; 2 &lt;b&gt;</title>
      <link rel="alternate" type="text/html" href="world/1"/>
      <link rel="enclosure" type="image/jpeg" href="https://cdn.example/p.jpg"/>
      <summary type="html">&lt;p&gt;A &lt;i&gt;summary&lt;/i&gt;&lt;/p&gt;</summary>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <a href="/x">link</a></p></div></content>
      <author><name>Reporter</name><email>r@news.example</email></author>
      <category term="World" label="World news"/><category term="Asia"/>
      <published>2025-01-13T18:42:00+09:00</published>
      <updated>2025-01-13T10:00:00Z</updated>
    </entry>`),
    );
    expect(result.format).toBe('atom');
    expect(result.feed).toEqual({ title: 'Example & Co', url: 'https://news.example/', language: 'en-GB' });
    expect(result.articles[0]).toMatchObject({
      guid: 'tag:news.example,2025:1',
      url: 'https://news.example/world/1',
      title: '1 < 2 <b>',
      summary: 'A summary',
      contentHtml: '<p>Body <a href="https://news.example/x">link</a></p>',
      author: 'Reporter',
      category: 'World',
      tags: ['World', 'Asia'],
      imageUrl: 'https://cdn.example/p.jpg',
      language: 'en-GB',
      publishedAt: '2025-01-13T09:42:00Z',
      updatedAt: '2025-01-13T10:00:00Z',
    });
  });

  it('lets an entry without an author inherit the feed author', () => {
    expect(parse(atom10('<entry><id>1</id><title>t</title></entry>')).articles[0]!.author).toBe('Feed Author');
  });

  it('uses updated as publishedAt when published is missing', () => {
    const article = parse(atom10('<entry><id>1</id><title>t</title><updated>2025-01-13T10:00:00Z</updated></entry>')).articles[0]!;
    expect(article).toMatchObject({ publishedAt: '2025-01-13T10:00:00Z', updatedAt: '2025-01-13T10:00:00Z' });
  });

  it.each([
    ['<link rel="related" href="https://a.example/r"/><link href="https://a.example/alt"/>', 'https://a.example/alt'],
    ['<link rel="enclosure" href="https://a.example/e"/><link rel="alternate" href="https://a.example/alt"/>', 'https://a.example/alt'],
    ['<link rel="alternate">https://a.example/text</link>', 'https://a.example/text'],
    ['<link rel="self" href="https://a.example/self"/>', null],
  ])('picks the alternate link from %s', (links, url) => {
    expect(parse(atom10(`<entry><id>1</id><title>t</title>${links}</entry>`)).articles[0]!.url).toBe(url);
  });

  it('prefers content over summary only for contentHtml, and summary for the summary', () => {
    const article = parse(
      atom10('<entry><id>1</id><title>t</title><summary>Short</summary><content type="html">&lt;p&gt;Long&lt;/p&gt;</content></entry>'),
    ).articles[0]!;
    expect(article).toMatchObject({ summary: 'Short', contentHtml: '<p>Long</p>' });
  });

  it('reads a single-entry Atom document', () => {
    const result = parse('<entry xmlns="http://www.w3.org/2005/Atom"><id>e1</id><title>Alone</title></entry>');
    expect(result.articles.map((a) => a.guid)).toEqual(['e1']);
  });
});

describe('Atom 0.3 and pre-standard namespaces', () => {
  it.each([['http://purl.org/atom/ns#'], ['http://purl.org/atom/ns#draft-ietf-atompub-format-08']])(
    'reads issued, modified, mode="escaped" and base64 under %s',
    (ns) => {
      const xml =
        `<feed version="0.3" xmlns="${ns}"><title mode="escaped" type="text/html">A &lt;b&gt;bold&lt;/b&gt; feed</title>` +
        `<link rel="alternate" type="text/html" href="http://old.example/"/>` +
        `<entry><id>tag:old,1</id><title>Old</title><issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T19:48:21Z</modified>` +
        `<content type="text/html" mode="base64">${Buffer.from('<p>Decoded</p>').toString('base64')}</content></entry></feed>`;
      const result = parse(xml);
      expect(result.feed).toMatchObject({ title: 'A bold feed', url: 'http://old.example/' });
      expect(result.articles[0]).toMatchObject({
        publishedAt: '2003-12-31T10:14:55Z',
        updatedAt: '2004-01-01T19:48:21Z',
        contentHtml: '<p>Decoded</p>',
      });
    },
  );
});
