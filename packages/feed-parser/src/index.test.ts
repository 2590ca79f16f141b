import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DocumentError, parseDocument } from './index.ts';

const bytes = (text: string) => Buffer.from(text);
const RSS = '<rss version="2.0"><channel><title>T</title><item><title>Item</title></item></channel></rss>';

function errorOf(run: () => unknown): DocumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a DocumentError');
}

describe('parseDocument sniffs the format from the body', () => {
  it.each([
    [RSS, 'rss'],
    ['<?xml version="1.0"?>\n<!-- comment --><rss version="0.91"><channel><title>T</title></channel></rss>', 'rss'],
    [
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>T</title></channel></rdf:RDF>',
      'rdf',
    ],
    ['<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', 'atom'],
    ['{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []}', 'json-feed'],
    ['{"articles": [{"title": "T"}]}', 'native-json'],
    [
      '<!doctype html><html><head><title>Page</title></head><body><article><h1>Headline</h1><p>Text of the story.</p></article></body></html>',
      'html',
    ],
  ])('%s is %s', (text, format) => {
    expect(parseDocument(bytes(text)).format).toBe(format);
  });

  it('reads a plain-text article page', () => {
    const text = readFileSync(new URL('./page/fixtures/japan-news-article.txt', import.meta.url));
    expect(parseDocument(text).format).toBe('text');
  });

  it('ignores a misleading Content-Type', () => {
    expect(parseDocument(bytes(RSS), { contentType: 'application/json' }).format).toBe('rss');
  });

  it('reads a UTF-16 feed and reports the encoding', () => {
    const result = parseDocument(
      iconv.encode('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>日本</title></channel></rss>', 'utf-16le'),
    );
    expect(result).toMatchObject({ encoding: 'utf-16le', feed: { title: '日本' } });
  });

  it('decodes a Shift_JIS feed by its declaration', () => {
    const result = parseDocument(
      iconv.encode(
        '<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><item><title>速報</title></item></channel></rss>',
        'shift_jis',
      ),
    );
    expect(result).toMatchObject({ encoding: 'shift_jis', articles: [{ title: '速報' }] });
  });
});

describe('parseDocument refuses documents it cannot read', () => {
  it.each([
    [new Uint8Array(0), 'empty'],
    [bytes(' \n\t '), 'empty'],
    [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'unsupported-type'],
    [bytes('%PDF-1.7\n%âãÏÓ'), 'unsupported-type'],
    [Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'unsupported-type'],
    [Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 32), 'unsupported-type'],
    [bytes('hello'), 'unparseable'],
    [bytes('{"articles": ['), 'unparseable'],
    [bytes('[1, 2, 3]'), 'unparseable'],
    [bytes('<?xml version="1.0"?><catalog><book/></catalog>'), 'unparseable'],
    [bytes('<<<>>>'), 'unparseable'],
  ])('%#: answers %s', (input, code) => {
    expect(errorOf(() => parseDocument(input)).code).toBe(code);
  });

  it('calls an unreadable body sent as an image unsupported', () => {
    expect(errorOf(() => parseDocument(bytes('GIF-ish?'), { contentType: 'image/gif' })).code).toBe('unsupported-type');
  });
});

describe('parseDocument at scale', () => {
  it('parses a 10,000-item feed into 10,000 articles', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Story ${i}</title><link>https://news.example/${i}</link><guid>https://news.example/${i}</guid>` +
        `<pubDate>Mon, 13 Jan 2025 18:42:00 +0900</pubDate><category>World</category>` +
        `<description>${'Lorem ipsum dolor sit amet. '.repeat(20)}</description></item>`,
    ).join('\n');
    const doc = bytes(`<rss version="2.0"><channel><title>Big</title><link>https://news.example/</link>${items}</channel></rss>`);
    const started = performance.now();
    const result = parseDocument(doc);
    const ms = performance.now() - started;
    expect(result.articles).toHaveLength(10_000);
    expect(result.articles[9_999]).toMatchObject({
      title: 'Story 9999',
      url: 'https://news.example/9999',
      publishedAt: '2025-01-13T09:42:00Z',
    });
    expect(result.rejected).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  });

  it('keeps going when one item cannot be read', () => {
    const result = parseDocument(bytes(JSON.stringify({ items: [{ id: '1', title: 'one' }, null, { id: '3', title: 'three' }] })));
    expect(result.articles.map((a) => a.guid)).toEqual(['1', '3']);
    expect(result.rejected).toEqual([{ index: 1, reason: 'item is not a JSON object' }]);
  });
});
