import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../index.ts';
import { DocumentError, type ParsedArticle } from '../types.ts';
import { looksLikePlainTextArticle, parsePlainTextPage } from './plain-text-page.ts';

const fixture = readFileSync(new URL('./fixtures/japan-news-article.txt', import.meta.url), 'utf8');
const NOW = new Date('2025-07-20T00:00:00Z');

const TITLE = 'Japan, South Korean Foreign Chiefs Reaffirm Cooperation; North Korea’s Nuclear, Missile Development Discussed';
const CAPTION =
  'South Korean Foreign Minister Cho Tae-yul, left, talks with Japanese Foreign Minister Takeshi Iwaya, right, during their meeting at the foreign ministry in Seoul on Monday.';
const LEAD =
  'Foreign Minister Takeshi Iwaya and his South Korean counterpart Cho Tae-yul on Monday reaffirmed maintaining close cooperation between the two countries against North Korea, which continues its nuclear and missile development.';

function parse(text: string): ParsedArticle {
  const result = parsePlainTextPage(text, { now: NOW });
  expect(result.articles).toHaveLength(1);
  return result.articles[0]!;
}

function paragraphs(html: string | null): string[] {
  return [...(html ?? '').matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
}

/** The fixture with its lines rewritten by `edit`. */
function variant(edit: (lines: string[]) => string[]): string {
  return edit(fixture.split('\n')).join('\n');
}

describe('the Japanese news article fixture', () => {
  const result = parsePlainTextPage(fixture, { now: NOW });
  const article = result.articles[0]!;

  it('is one text-format article without feed information', () => {
    expect(result.format).toBe('text');
    expect(result.articles).toHaveLength(1);
    expect(result.feed).toEqual({ title: null, url: null, language: null });
    expect(result.rejected).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('takes the first line as the title', () => {
    expect(article.title).toBe(TITLE);
  });

  it('takes the line between title and date as the photo caption', () => {
    expect(article.imageCaption).toBe(CAPTION);
    expect(article.imageUrl).toBeNull();
  });

  it('reads 18:42 JST as 09:42 UTC from the page text', () => {
    expect(article.publishedAt).toBe('2025-01-13T09:42:00Z');
    expect(article.publishedAtOrigin).toBe('page-text');
    expect(article.updatedAt).toBeNull();
  });

  it('keeps the zone the page printed the time in', () => {
    expect(article.publishedTimeZone).toBe('Asia/Tokyo');
    expect(parse(variant((l) => l.map((x, i) => (i === 3 ? '18:42 KST, January 13, 2025' : x)))).publishedTimeZone).toBe('Asia/Seoul');
  });

  it('records the dateline and keeps it in the first paragraph', () => {
    expect(article.dateline).toBe('SEOUL');
    expect(paragraphs(article.contentHtml)[0]).toBe(`SEOUL — ${LEAD}`);
  });

  it('turns the six body lines into six escaped paragraphs', () => {
    const body = paragraphs(article.contentHtml);
    expect(body).toHaveLength(6);
    expect(body[5]).toMatch(/^With Iwaya’s visit, .* will take office on Jan\. 20\.$/);
  });

  it('keeps the popular and ranking boxes out of the body', () => {
    expect(article.contentHtml).not.toMatch(/POPULAR ARTICLE|ACCESS RANKING|Lawson|Real Wages|Destroyers/);
    expect(article.contentHtml).not.toMatch(/<p>-<\/p>/);
    expect(article.summary).not.toMatch(/POPULAR|Lawson/);
  });

  it('takes the category from the popular articles box', () => {
    expect(article.category).toBe('Politics');
  });

  it('summarises the body as plain text starting after the dateline', () => {
    expect(article.summary?.startsWith(LEAD)).toBe(true);
    expect(article.summary!.length).toBeLessThanOrEqual(500);
    expect(article.summary).not.toMatch(/<|&amp;/);
  });

  it('leaves what a text page cannot carry empty', () => {
    expect(article.guid).toBeNull();
    expect(article.url).toBeNull();
    expect(article.author).toBeNull();
    expect(article.tags).toEqual([]);
    expect(article.language).toBeNull();
    expect(article.warnings).toEqual([]);
  });

  it('is recognised by the detector', () => {
    expect(looksLikePlainTextArticle(fixture)).toBe(true);
  });
});

describe('plain-text page variants', () => {
  it('gives the same article for CRLF line ends and a byte-order mark', () => {
    const crlf = `\uFEFF${fixture.replace(/\n/g, '\r\n')}`;
    expect(parse(crlf)).toEqual(parse(fixture));
  });

  it('reads a page without a caption', () => {
    const article = parse(variant((l) => l.filter((_, i) => i !== 2)));
    expect(article.imageCaption).toBeNull();
    expect(article.publishedAt).toBe('2025-01-13T09:42:00Z');
    expect(paragraphs(article.contentHtml)[0]).toBe(`SEOUL — ${LEAD}`);
  });

  it.each([
    ['January 13, 2025 18:42 JST', '2025-01-13T09:42:00Z'],
    ['2025-01-13T09:42:00Z', '2025-01-13T09:42:00Z'],
    ['2025-01-13 18:42 +09:00', '2025-01-13T09:42:00Z'],
    ['Published: 13 January 2025 18:42 JST', '2025-01-13T09:42:00Z'],
    ['Jan. 13, 2025', '2025-01-13T00:00:00Z'],
  ])('reads the date line %j', (line, expected) => {
    const article = parse(variant((l) => l.map((x, i) => (i === 3 ? line : x))));
    expect(article.publishedAt).toBe(expected);
    expect(article.imageCaption).toBe(CAPTION);
  });

  it('reads an update time after a bar on the date line', () => {
    const article = parse(variant((l) => l.map((x, i) => (i === 3 ? `${x} | Updated 20:05 JST, January 13, 2025` : x))));
    expect(article.publishedAt).toBe('2025-01-13T09:42:00Z');
    expect(article.updatedAt).toBe('2025-01-13T11:05:00Z');
  });

  it.each([' -- ', ' – ', '—'])('finds the dateline before %j', (dash) => {
    const article = parse(variant((l) => l.map((x, i) => (i === 4 ? `SEOUL${dash}${LEAD}` : x))));
    expect(article.dateline).toBe('SEOUL');
    expect(article.summary?.startsWith(LEAD)).toBe(true);
  });

  it.each([LEAD, `BREAKING — ${LEAD}`, `A — ${LEAD}`])('does not take the opening %j for a dateline', (opening) => {
    const article = parse(variant((l) => l.map((x, i) => (i === 4 ? opening : x))));
    expect(article.dateline).toBeNull();
    expect(article.summary?.startsWith(opening.slice(0, 20))).toBe(true);
  });

  it('keeps every paragraph of a page without boxes', () => {
    const article = parse(variant((l) => l.slice(0, 10)));
    expect(paragraphs(article.contentHtml)).toHaveLength(6);
    expect(article.category).toBeNull();
  });

  it('drops an ACCESS RANKING box that has no prefix and resumes the body after it', () => {
    const text = [
      TITLE,
      '18:42 JST, January 13, 2025',
      `SEOUL — ${LEAD}`,
      'ACCESS RANKING',
      '-',
      'Other story',
      '-',
      'Another story',
      '',
      'The talks ended in the evening.',
    ].join('\n');
    const article = parse(text);
    expect(paragraphs(article.contentHtml)).toEqual([`SEOUL — ${LEAD}`, 'The talks ended in the evening.']);
  });

  it('joins hard-wrapped paragraphs separated by blank lines', () => {
    const text = [
      'Markets rally as yen weakens',
      'January 13, 2025 18:42 JST',
      '',
      'TOKYO -- Shares in Tokyo rose on Monday as a weaker yen lifted',
      'exporters, with the benchmark index closing at a six-month high.',
      '',
      'Analysts said the rally could continue if the currency stays',
      'near its current level through the week.',
    ].join('\n');
    const article = parse(text);
    expect(paragraphs(article.contentHtml)).toEqual([
      'TOKYO -- Shares in Tokyo rose on Monday as a weaker yen lifted exporters, with the benchmark index closing at a six-month high.',
      'Analysts said the rally could continue if the currency stays near its current level through the week.',
    ]);
    expect(article.dateline).toBe('TOKYO');
  });

  it('keeps a caption that mentions a date as the caption', () => {
    const caption = 'Iwaya and Cho in Seoul on January 13, 2025';
    const article = parse(variant((l) => l.map((x, i) => (i === 2 ? caption : x))));
    expect(article.imageCaption).toBe(caption);
    expect(article.publishedAt).toBe('2025-01-13T09:42:00Z');
  });

  it('takes a by-line between title and date as the author, not the caption', () => {
    const article = parse(variant((l) => [...l.slice(0, 3), 'By Jane Doe / Staff Writer', ...l.slice(3)]));
    expect(article.author).toBe('Jane Doe / Staff Writer');
    expect(article.imageCaption).toBe(CAPTION);
  });

  it('treats everything after the title as body when there is no date line', () => {
    const article = parse([TITLE, '', `SEOUL — ${LEAD}`, 'A second paragraph.'].join('\n'));
    expect(article.publishedAt).toBeNull();
    expect(article.publishedAtOrigin).toBeNull();
    expect(article.imageCaption).toBeNull();
    expect(paragraphs(article.contentHtml)).toHaveLength(2);
  });

  describe('a date line without a zone', () => {
    const page = (dateline: string, date = '18:42, January 13, 2025') =>
      variant((l) => l.map((x, i) => (i === 3 ? date : i === 4 ? `${dateline}${LEAD}` : x)));

    it.each(['TOKYO — ', '東京 — ', '【東京】', '【大阪＝共同】'])('is Japan time under the dateline %j', (dateline) => {
      const article = parse(page(dateline));
      expect(article.dateline).toBe(dateline.replace(/[【】 —]|＝共同/g, ''));
      expect(article.publishedAt).toBe('2025-01-13T09:42:00Z');
      // The zone was inferred, not printed: the page names none.
      expect(article.publishedTimeZone).toBeNull();
    });

    it('is Japan time on a page fetched from a .jp host', () => {
      const result = parsePlainTextPage(page('SEOUL — '), { now: NOW, baseUrl: 'https://japannews.yomiuri.co.jp/politics/' });
      expect(result.articles[0]?.publishedAt).toBe('2025-01-13T09:42:00Z');
    });

    it('stays UTC without evidence for a zone', () => {
      expect(parse(page('SEOUL — ')).publishedAt).toBe('2025-01-13T18:42:00Z');
    });

    it('never overrides a zone the page prints', () => {
      expect(parse(page('TOKYO — ', '18:42 GMT, January 13, 2025')).publishedAt).toBe('2025-01-13T18:42:00Z');
      expect(parse(page('TOKYO — ', '2025-01-13T18:42:00+01:00')).publishedAt).toBe('2025-01-13T17:42:00Z');
      expect(parse(page('TOKYO — ', '2025-01-13T18:42:00+01:00')).publishedTimeZone).toBe('+01:00');
    });

    it('reads the update time in the same zone', () => {
      const article = parse(page('TOKYO — ', '18:42, January 13, 2025 | Updated 20:05, January 13, 2025'));
      expect(article.updatedAt).toBe('2025-01-13T11:05:00Z');
    });
  });

  it('escapes markup-like text in the body', () => {
    const article = parse([TITLE, 'January 13, 2025', 'Prices rose <script>alert(1)</script> & fell.'].join('\n'));
    expect(article.contentHtml).toBe('<p>Prices rose &lt;script&gt;alert(1)&lt;/script&gt; &amp; fell.</p>');
    expect(article.summary).toBe('Prices rose <script>alert(1)</script> & fell.');
  });
});

describe('plain-text page problems', () => {
  it('rejects a blank document as empty', () => {
    for (const blank of ['', '   \n\r\n\t  ', '\uFEFF']) {
      expect(() => parsePlainTextPage(blank, {})).toThrow(DocumentError);
      try {
        parsePlainTextPage(blank, {});
      } catch (error) {
        expect((error as DocumentError).code).toBe('empty');
      }
    }
  });

  it('warns about a date line it cannot read and leaves the date empty', () => {
    const article = parse(variant((l) => l.map((x, i) => (i === 3 ? '18:42 XYZ, January 13, 2025' : x))));
    expect(article.publishedAt).toBeNull();
    expect(article.publishedAtOrigin).toBeNull();
    expect(article.warnings).toEqual(['unreadable date "18:42 XYZ, January 13, 2025"']);
    expect(article.imageCaption).toBe(CAPTION);
    expect(article.contentHtml).not.toContain('XYZ');
  });

  it('does not store a date more than a day after ingest', () => {
    const text = variant((l) => l.map((x, i) => (i === 3 ? '18:42 JST, January 13, 2031' : x)));
    const article = parseDocument(Buffer.from(text), { now: NOW, contentType: 'text/plain; charset=utf-8' }).articles[0]!;
    expect(article.publishedAt).toBeNull();
    expect(article.warnings).toEqual(['publishedAt "2031-01-13T09:42:00Z" is more than a day after ingest; not stored']);
  });

  it('strips U+0000 from every field', () => {
    const article = parse(fixture.replace('Japan,', 'Ja\0pan,').replace('SEOUL', 'SEO\0UL'));
    expect(JSON.stringify(article)).not.toContain('\\u0000');
    expect(article.title).toBe(TITLE);
    expect(article.dateline).toBe('SEOUL');
  });

  it('reads a single line as a title-only article', () => {
    const article = parse('Just a headline');
    expect(article.title).toBe('Just a headline');
    expect(article.contentHtml).toBeNull();
    expect(article.summary).toBeNull();
    expect(article.warnings).toEqual([]);
  });

  it('does not throw on odd input', () => {
    const odd = ['-\n-\n-', 'POPULAR ARTICLE\n-\n', '\u0001\u0002 binary \uFFFD\n'.repeat(50), 'x\n'.repeat(10_000), '"Q" POPULAR ARTICLE'];
    for (const text of odd) expect(() => parsePlainTextPage(text, {})).not.toThrow();
  });
});

describe('looksLikePlainTextArticle', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body><p>Hello</p></body></html>'],
    ['an XML feed', '<?xml version="1.0"?><rss version="2.0"></rss>'],
    ['JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": []}'],
    ['a blank text', '  \n\n '],
    ['a single line', 'Hello'],
    ['a list of words', 'apple\nbanana\ncherry\ndate'],
  ])('rejects %s', (_, text) => {
    expect(looksLikePlainTextArticle(text)).toBe(false);
  });

  it('accepts a title with paragraphs but no date line', () => {
    const text = `${TITLE}\n\n${LEAD}\nIwaya met with the South Korean foreign minister in Seoul on Monday afternoon.\n`;
    expect(looksLikePlainTextArticle(text)).toBe(true);
  });
});
