import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../index.ts';
import { DocumentError, type ParsedArticle, type ParseOptions } from '../types.ts';
import { looksLikeHtmlPage, parseHtmlPage } from './html-page.ts';

const NOW = new Date('2025-07-20T00:00:00Z');
const readFixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parse(html: string, options: ParseOptions = {}): ParsedArticle {
  const result = parseHtmlPage(html, { now: NOW, ...options });
  expect(result.format).toBe('html');
  expect(result.articles).toHaveLength(1);
  return result.articles[0]!;
}

const LEAD = 'Foreign Minister Takeshi Iwaya and his South Korean counterpart Cho Tae-yul on Monday reaffirmed';

describe('a news article page with JSON-LD, Open Graph and a readable body', () => {
  const result = parseHtmlPage(readFixture('news-article.html'), { now: NOW });
  const article = result.articles[0]!;

  it('takes identity from JSON-LD', () => {
    expect(article.guid).toBe('urn:example:article:4711');
    expect(article.url).toBe('https://news.example.com/world/asia/2025/01/13/japan-korea-talks/');
  });

  it('prefers JSON-LD text over Open Graph, with entities decoded', () => {
    expect(article.title).toBe('Japan, South Korea Reaffirm Cooperation & Discuss North Korea');
    expect(article.summary).toBe('The foreign ministers met in Seoul for the first time since martial law was declared.');
    expect(article.category).toBe('Politics');
    expect(article.tags).toEqual(['Japan', 'South Korea', 'diplomacy']);
    expect(article.language).toBe('en-US');
  });

  it('names every author of an author array', () => {
    expect(article.author).toBe('Jane Doe, Kim Min-jun');
  });

  it('reads the ImageObject, resolving its relative URL against the canonical URL', () => {
    expect(article.imageUrl).toBe('https://news.example.com/images/iwaya-cho.jpg');
    expect(article.imageCaption).toBe('Cho Tae-yul, left, and Takeshi Iwaya in Seoul.');
  });

  it('converts metadata dates with offsets to UTC', () => {
    expect(article.publishedAt).toBe('2025-01-13T09:42:00Z');
    expect(article.updatedAt).toBe('2025-01-13T11:05:00Z');
    expect(article.publishedAtOrigin).toBe('page-metadata');
    expect(article.warnings).toEqual([]);
  });

  it('keeps the offset the metadata date was printed with', () => {
    expect(article.publishedTimeZone).toBe('+09:00');
  });

  it('keeps the story paragraphs and drops navigation, sidebars and the repeated headline', () => {
    expect(article.contentHtml).toContain(`<p>SEOUL — ${LEAD}`);
    expect(article.contentHtml).toContain('60th anniversary');
    expect(article.contentHtml).not.toMatch(/Other story one|© The Daily Example|>Sports</);
    expect(article.contentHtml).not.toMatch(/<h[12]>Japan, South Korea Reaffirm Cooperation/);
  });

  it('removes scripts, iframes and event handlers from the body and makes links absolute', () => {
    expect(article.contentHtml).not.toMatch(/<script|<iframe|onclick|injected|dataLayer/i);
    expect(article.contentHtml).toContain('<a href="https://news.example.com/topics/trilateral">');
  });

  it('records the dateline of the first paragraph', () => {
    expect(article.dateline).toBe('SEOUL');
  });

  it('describes the site as the feed', () => {
    expect(result.feed).toEqual({ title: 'The Daily Example', url: null, language: 'en-US' });
    expect(result.warnings).toEqual([]);
  });
});

describe('other HTML pages', () => {
  it('reads a page that has only Open Graph and meta tags', () => {
    const article = parse(`<!doctype html><html lang="de"><head>
      <title>Ignored | Example</title>
      <meta property="og:title" content="Lawson to Offer Car Camping Service">
      <meta property="og:description" content="Six Chiba stores will offer the service from Monday.">
      <meta property="og:url" content="https://example.com/lawson-camping">
      <meta property="og:image" content="https://example.com/lawson.jpg">
      <meta property="og:image:alt" content="A Lawson store in Chiba">
      <meta property="og:locale" content="en_US">
      <meta property="article:published_time" content="2025-07-14T10:00:00+09:00">
      <meta property="article:modified_time" content="2025-07-14T12:30:00+09:00">
      <meta property="article:section" content="Business">
      <meta property="article:tag" content="retail"><meta property="article:tag" content="travel">
      <meta property="article:author" content="https://example.com/authors/kato">
      <meta name="author" content="Kato Yui">
    </head><body><p>Too short.</p></body></html>`);
    expect(article).toMatchObject({
      title: 'Lawson to Offer Car Camping Service',
      summary: 'Six Chiba stores will offer the service from Monday.',
      url: 'https://example.com/lawson-camping',
      imageUrl: 'https://example.com/lawson.jpg',
      imageCaption: 'A Lawson store in Chiba',
      publishedAt: '2025-07-14T01:00:00Z',
      updatedAt: '2025-07-14T03:30:00Z',
      publishedAtOrigin: 'page-metadata',
      category: 'Business',
      tags: ['retail', 'travel'],
      author: 'Kato Yui',
      language: 'en-US',
      guid: null,
      dateline: null,
    });
  });

  it('reads a page that has only an <article> with a <time datetime>', () => {
    const article = parse(
      `<html lang="en"><body><div class="menu"><a href="/">Home</a></div>
      <article><h1>Japan Real Wages Fall for 5th Month in May</h1>
      <time datetime="2025-07-07T08:30:00+09:00">July 7</time>
      <p>TOKYO -- Real wages in Japan fell for the fifth straight month in May as prices kept rising faster than pay.</p>
      <p>The labor ministry said nominal wages rose, but not enough to offset inflation.</p></article></body></html>`,
      { baseUrl: 'https://example.com/economy/wages' },
    );
    expect(article.title).toBe('Japan Real Wages Fall for 5th Month in May');
    expect(article.publishedAt).toBe('2025-07-06T23:30:00Z');
    expect(article.publishedAtOrigin).toBe('page-metadata');
    expect(article.language).toBe('en');
    expect(article.dateline).toBe('TOKYO');
    expect(article.summary).toMatch(/^Real wages in Japan fell/);
    expect(article.contentHtml).toContain('<p>TOKYO -- Real wages');
    expect(article.contentHtml).not.toContain('Home');
    expect(article.url).toBeNull();
  });

  it('resolves @id references inside a JSON-LD @graph', () => {
    const result = parseHtmlPage(readFixture('graph-article.html'), { now: NOW });
    const article = result.articles[0]!;
    expect(article).toMatchObject({
      title: 'Typhoon Nari Approaching Kanto Region',
      url: 'https://blog.example.jp/typhoon-nari/',
      author: 'Sato Hana',
      imageUrl: 'https://blog.example.jp/wp-content/uploads/nari.jpg',
      imageCaption: 'Satellite image of Typhoon Nari',
      category: 'Weather',
      tags: ['typhoon', 'weather'],
      publishedAt: '2025-07-13T21:30:00Z',
      language: 'en-US',
    });
    expect(article.summary).toMatch(/^Typhoon Nari is approaching the Kanto region/);
    expect(result.feed).toEqual({ title: 'Example Blog', url: 'https://blog.example.jp/', language: 'en-US' });
  });

  it('warns about malformed JSON-LD and still reads the page from its meta tags', () => {
    const result = parseHtmlPage(
      `<html><head>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken",</script>
      <meta property="og:title" content="Upper House Election Preview">
      <meta property="article:published_time" content="2025-07-10T00:00:00Z">
      </head><body><article><p>Candidates from 16 constituencies face head-to-head races this year.</p></article></body></html>`,
      { now: NOW },
    );
    expect(result.warnings).toEqual([expect.stringMatching(/^JSON-LD block 1 is not valid JSON/)]);
    expect(result.articles[0]).toMatchObject({ title: 'Upper House Election Preview', publishedAt: '2025-07-10T00:00:00Z' });
  });

  it('reads JSON-LD given as an array of objects with a prefixed type', () => {
    const article = parse(`<html><head><script type="application/ld+json">[
      {"@type": "BreadcrumbList", "name": "Home"},
      {"@type": "http://schema.org/ReportageNewsArticle", "headline": "Field report", "author": "By Ann Lee",
       "image": ["https://example.com/a.jpg", "https://example.com/b.jpg"], "datePublished": "2025-07-01",
       "inLanguage": "ja", "mainEntityOfPage": {"@id": "https://example.com/report"}, "identifier": 42,
       "articleBody": "First paragraph of the report.\\nSecond paragraph of the report."}
    ]</script></head><body></body></html>`);
    expect(article).toMatchObject({
      title: 'Field report',
      author: 'Ann Lee',
      imageUrl: 'https://example.com/a.jpg',
      guid: '42',
      publishedAt: '2025-07-01T00:00:00Z',
      language: 'ja',
      url: 'https://example.com/report',
      contentHtml: '<p>First paragraph of the report.</p>\n<p>Second paragraph of the report.</p>',
    });
  });

  it('treats JSON-LD as data: __proto__ keys neither pollute objects nor break reading', () => {
    const article = parse(`<html><head><script type="application/ld+json">
      {"@type": "NewsArticle", "__proto__": {"polluted": "yes"}, "headline": "Safe", "constructor": {"prototype": {"polluted": "yes"}},
       "author": {"__proto__": {"name": "Mallory"}, "name": "Alice"}}
    </script></head><body></body></html>`);
    expect(article.title).toBe('Safe');
    expect(article.author).toBe('Alice');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('falls back to the <title> without its site suffix', () => {
    const article = parse('<html><head><title>Typhoon Nari Nears Japan | Example News</title></head><body><p>Text.</p></body></html>');
    expect(article.title).toBe('Typhoon Nari Nears Japan');
  });

  it('warns about unreadable and future dates', () => {
    const unreadable = parse('<html><head><meta property="article:published_time" content="someday soon"></head><body></body></html>');
    expect(unreadable.publishedAt).toBeNull();
    expect(unreadable.publishedAtOrigin).toBeNull();
    expect(unreadable.warnings).toEqual(['unreadable date "someday soon"']);

    // Whether a date can be true is judged for every format at once, as parseDocument returns it.
    const page =
      '<html><head><title>Later</title><meta property="article:published_time" content="2031-01-01T00:00:00Z"></head><body></body></html>';
    const future = parseDocument(Buffer.from(page), { now: NOW }).articles[0]!;
    expect(future.publishedAt).toBeNull();
    expect(future.publishedAtOrigin).toBeNull();
    expect(future.warnings).toEqual(['publishedAt "2031-01-01T00:00:00Z" is more than a day after ingest; not stored']);
  });

  it('strips U+0000, including JSON-LD escapes, from every field', () => {
    const article = parse(
      `<html><head><script type="application/ld+json">{"@type":"Article","headline":"Nul\\u0000 title","keywords":["a\\u0000b"]}</script></head><body><article><p>Body\u0000 text here</p></article></body></html>`,
    );
    expect(JSON.stringify(article)).not.toContain('\\u0000');
    expect(article.title).toBe('Nul title');
    expect(article.tags).toEqual(['ab']);
  });

  it('keeps javascript: and data: URLs out of the body and the image', () => {
    const article = parse(`<html><head><meta property="og:image" content="javascript:alert(1)"></head><body><article>
      <p>Click <a href="javascript:alert(1)">here</a> <img src="data:image/png;base64,AAAA"> for the full story of the day.</p></article></body></html>`);
    expect(article.imageUrl).toBeNull();
    expect(article.contentHtml).not.toMatch(/javascript:|data:/);
  });

  it('reads a fragment without <html>, <head> or <body> tags', () => {
    const article = parse(
      '<meta property="og:title" content="Fragment"><article><p>WASHINGTON, D.C. – A fragment page without the skeleton tags but with a paragraph.</p></article>',
    );
    expect(article.title).toBe('Fragment');
    expect(article.dateline).toBe('WASHINGTON, D.C.');
    expect(article.contentHtml).toContain('A fragment page');
  });

  it('reads only the <head> of a page with too many tags, and refuses one whose head is too large', () => {
    const head = '<html><head><meta property="og:title" content="Huge page"></head>';
    const result = parseHtmlPage(`${head}<body>${'<span>x</span>'.repeat(30_001)}</body></html>`, { now: NOW });
    expect(result.articles[0]!.title).toBe('Huge page');
    expect(result.articles[0]!.contentHtml).toBeNull();
    expect(result.warnings).toEqual([expect.stringContaining('only the metadata in its <head> was read')]);

    const error = (() => {
      try {
        parseHtmlPage(`<html><body>${'<div>'.repeat(30_001)}</body></html>`, {});
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('too-complex');
  });

  it('rejects a blank document as empty and survives junk', () => {
    expect(() => parseHtmlPage('  \n ', {})).toThrow(DocumentError);
    for (const junk of ['<', '<html', '<html><body><p>unclosed', '<<<>>>', '<script type="application/ld+json">null</script>']) {
      expect(() => parseHtmlPage(junk, {})).not.toThrow();
    }
  });
});

describe('looksLikeHtmlPage', () => {
  it.each([
    '<!DOCTYPE html><html><body></body></html>',
    '\uFEFF  <html lang="en">',
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>',
    '<!-- saved page --><head><meta charset="utf-8">',
  ])('accepts %j', (text) => {
    expect(looksLikeHtmlPage(text)).toBe(true);
  });

  it.each([
    '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
    '<feed xmlns="http://www.w3.org/2005/Atom"></feed>',
    '{"items": []}',
    'Plain title\nJanuary 13, 2025',
  ])('rejects %j', (text) => {
    expect(looksLikeHtmlPage(text)).toBe(false);
  });
});
