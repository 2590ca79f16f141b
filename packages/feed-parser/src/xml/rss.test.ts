import { describe, expect, it } from 'vitest';
import { parseDocument, type ParseOptions, type ParseResult } from '../index.ts';

const NOW = new Date('2025-01-14T00:00:00Z');
const parse = (xml: string, options: ParseOptions = {}): ParseResult => parseDocument(Buffer.from(xml), { now: NOW, ...options });

const NAMESPACES = [
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
  'xmlns:atom="http://www.w3.org/2005/Atom"',
].join(' ');

const feed = (items: string, channel = '') =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" ${NAMESPACES}><channel><title>Example &amp; Co</title>` +
  `<link>https://news.example/</link><language>en_US</language>${channel}${items}</channel></rss>`;

describe('RSS 2.0', () => {
  it('reads the channel and a complete item', () => {
    const result = parse(
      feed(`<item>
      <title>Leaders meet in Seoul</title>
      <link>https://news.example/world/1</link>
      <guid isPermaLink="false">story-1</guid>
      <description>&lt;p&gt;The &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full <em>text</em><script>x()</script> <a href="/more">more</a></p>]]></content:encoded>
      <author>desk@news.example (News Desk)</author>
      <category>World</category><category>Asia</category><dc:subject>Diplomacy</dc:subject>
      <pubDate>Mon, 13 Jan 2025 18:42:00 +0900</pubDate>
      <dcterms:modified>2025-01-13T10:00:00Z</dcterms:modified>
      <media:content url="https://cdn.example/p.jpg" medium="image"><media:description>Ministers shake hands</media:description></media:content>
    </item>`),
    );
    expect(result.format).toBe('rss');
    expect(result.feed).toEqual({ title: 'Example & Co', url: 'https://news.example/', language: 'en-US' });
    expect(result.articles[0]).toEqual({
      guid: 'story-1',
      url: 'https://news.example/world/1',
      title: 'Leaders meet in Seoul',
      summary: 'The summary.',
      contentHtml: '<p>Full <em>text</em> <a href="https://news.example/more">more</a></p>',
      author: 'News Desk',
      category: 'World',
      tags: ['World', 'Asia', 'Diplomacy'],
      dateline: null,
      imageUrl: 'https://cdn.example/p.jpg',
      imageCaption: 'Ministers shake hands',
      language: 'en-US',
      publishedAt: '2025-01-13T09:42:00Z',
      updatedAt: '2025-01-13T10:00:00Z',
      publishedAtOrigin: 'feed',
      publishedTimeZone: '+09:00',
      warnings: [],
    });
  });

  it.each([
    ['<link>https://x.example/a</link><guid>https://x.example/g</guid>', 'https://x.example/a'],
    ['<guid>https://x.example/g</guid>', 'https://x.example/g'],
    ['<guid isPermaLink="true">https://x.example/g</guid>', 'https://x.example/g'],
    ['<guid isPermaLink="false">https://x.example/g</guid>', null],
    ['<guid>not-a-url</guid>', null],
    ['<link>/relative/path</link>', 'https://news.example/relative/path'],
    ['<link>javascript:alert(1)</link>', null],
    ['<atom:link rel="alternate" href="https://x.example/alt"/>', 'https://x.example/alt'],
  ])('takes the url from %s', (fields, url) => {
    expect(parse(feed(`<item><title>t</title>${fields}</item>`)).articles[0]!.url).toBe(url);
  });

  it.each([
    ['<author>Name (name@x.example)</author>', 'Name'],
    ['<author>name@x.example (Name)</author>', 'Name'],
    ['<author>Name &lt;name@x.example&gt;</author>', 'Name'],
    ['<author>name@x.example</author>', 'name@x.example'],
    ['<dc:creator>Dublin Core</dc:creator>', 'Dublin Core'],
  ])('reads the author from %s', (fields, author) => {
    expect(parse(feed(`<item><title>t</title>${fields}</item>`)).articles[0]!.author).toBe(author);
  });

  it('uses dc:date as updatedAt, and as publishedAt when there is no pubDate', () => {
    const article = parse(feed('<item><title>t</title><dc:date>2025-01-13T09:42:00Z</dc:date></item>')).articles[0]!;
    expect(article).toMatchObject({ publishedAt: '2025-01-13T09:42:00Z', updatedAt: '2025-01-13T09:42:00Z', publishedAtOrigin: 'feed' });
  });

  it('keeps an unreadable date as null with a warning', () => {
    const article = parse(feed('<item><title>t</title><pubDate>sometime soon</pubDate></item>')).articles[0]!;
    expect(article).toMatchObject({ publishedAt: null, publishedAtOrigin: null, warnings: ['unreadable date "sometime soon"'] });
  });

  it('does not store a publication date more than a day after ingest, and says so', () => {
    const article = parse(feed('<item><title>t</title><pubDate>Fri, 17 Jan 2025 00:00:00 GMT</pubDate></item>')).articles[0]!;
    expect(article).toMatchObject({ publishedAt: null, publishedAtOrigin: null });
    expect(article.warnings).toEqual(['publishedAt "Fri, 17 Jan 2025 00:00:00 GMT" is more than a day after ingest; not stored']);
  });

  it('takes an image from an image enclosure or a media thumbnail', () => {
    const result = parse(
      feed(
        '<item><title>a</title><enclosure url="https://cdn.example/a.jpg" type="image/jpeg" length="1"/></item>' +
          '<item><title>b</title><enclosure url="https://cdn.example/b.mp3" type="audio/mpeg" length="1"/></item>' +
          '<item><title>c</title><media:thumbnail url="https://cdn.example/c.png"/></item>',
      ),
    );
    expect(result.articles.map((a) => a.imageUrl)).toEqual(['https://cdn.example/a.jpg', null, 'https://cdn.example/c.png']);
  });

  it('resolves relative links against xml:base before the channel link', () => {
    const result = parse(feed('<item xml:base="https://base.example/dir/"><title>t</title><link>page</link></item>'));
    expect(result.articles[0]!.url).toBe('https://base.example/dir/page');
  });

  it('resolves against options.baseUrl when the channel has no absolute link', () => {
    const xml = '<rss version="2.0"><channel><title>T</title><item><title>t</title><link>/a</link></item></channel></rss>';
    expect(parse(xml, { baseUrl: 'https://posted.example/feed.xml' }).articles[0]!.url).toBe('https://posted.example/a');
  });

  it('reads RSS 0.91 with HTML entities from its DTD', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">' +
      '<rss version="0.91"><channel><title>Caf&eacute;</title><link>http://x.example/</link><item><title>Cr&egrave;me</title><link>http://x.example/1</link></item></channel></rss>';
    const result = parse(xml);
    expect(result.feed.title).toBe('Café');
    expect(result.articles[0]!.title).toBe('Crème');
  });

  it('recovers a feed with bare ampersands', () => {
    const result = parse(feed('<item><title>AT&T</title><link>https://x.example/?a=1&b=2</link></item>'));
    expect(result.articles[0]).toMatchObject({ title: 'AT&T', url: 'https://x.example/?a=1&b=2' });
    expect(result.warnings[0]).toMatch(/^not well-formed/);
  });

  it('rejects an empty item and keeps the others', () => {
    const result = parse(feed('<item></item><item><title>kept</title></item>'));
    expect(result.rejected).toEqual([{ index: 0, reason: 'the item is empty' }]);
    expect(result.articles.map((a) => a.title)).toEqual(['kept']);
  });
});
