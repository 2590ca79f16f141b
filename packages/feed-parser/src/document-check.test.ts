import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocument, checkOf, DocumentError, parseDocument } from './index.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const corpus = join(repoRoot, 'test/fixtures/conformance/feedparser/files');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** A check as the full parse would give it, or the DocumentError both must throw. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    if (error instanceof DocumentError) return { code: error.code, message: error.message };
    throw error;
  }
}

const agrees = (bytes: Uint8Array, contentType?: string) =>
  expect(outcome(() => checkDocument(bytes, { contentType }))).toEqual(outcome(() => checkOf(parseDocument(bytes, { contentType }))));

const encode = (text: string) => new TextEncoder().encode(text);

describe('checkDocument', () => {
  it('answers what a full parse says of every document of the conformance corpus', () => {
    const files = filesUnder(corpus);
    expect(files.length).toBeGreaterThan(250);
    for (const file of files) agrees(readFileSync(file));
  });

  it('counts an item that a full parse rejects, and one the document was cut off inside, as items', () => {
    const feed = encode(
      '<rss version="2.0"><channel><title>t</title><item><title>kept</title><link>https://a.example/1</link></item>' +
        '<item></item><item><title>cut',
    );
    const parsed = parseDocument(feed);
    expect(parsed.articles).toHaveLength(1);
    expect(parsed.rejected).toHaveLength(2);
    expect(checkDocument(feed)).toEqual({ format: 'rss', feedUrl: null, items: 3, breakage: null });
    agrees(feed);
  });

  it('finds the same breakage, refusals and formats as a full parse', () => {
    const documents = [
      '<rss version="2.0"><channel><title>x</title><description>a<</description></channel></rss>',
      '<rss version="2.0"><channel><title>empty but well-formed</title></channel></rss>',
      '<html><body><p>not a feed</p></body></html>',
      '<?xml version="1.0"?><nothing/>',
      '{"version": "https://jsonfeed.org/version/1.1", "title": "j", "items": [{"id": "1", "content_text": "x"}, 5]}',
      '{"articles": [{"title": "a", "url": "https://n.example/a"}, {"title": 3}]}',
      '{"articles": 5}',
      '{"not json',
      '   ',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title><entry><title>e</title><id>urn:x</id></entry></feed>',
    ];
    for (const document of documents) agrees(encode(document));
    agrees(readFileSync(join(import.meta.dirname, 'page/fixtures/japan-news-article.txt')), 'text/plain');
  });
});
