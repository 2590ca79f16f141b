import { describe, expect, it } from 'vitest';
import { DocumentError, parseDocument, type ParseResult } from '../index.ts';
import { escapeBareAmpersands } from './entities.ts';
import { parseXml } from './tree.ts';

const parse = (xml: string): ParseResult => parseDocument(Buffer.from(xml));

function timed<T>(run: () => T): { value: T | DocumentError; ms: number } {
  const started = performance.now();
  try {
    return { value: run(), ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    return { value: error, ms: performance.now() - started };
  }
}

const rss = (doctype: string, title: string) =>
  `<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>Feed</title><item><title>${title}</title></item></channel></rss>`;

describe('hostile XML', () => {
  it('leaves billion-laughs entities unexpanded and answers at once', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('');
    const { value, ms } = timed(() => parse(rss(`<!DOCTYPE rss [<!ENTITY lol "lol">${laughs}]>`, '&lol9;')));
    expect(ms).toBeLessThan(500);
    expect(value).not.toBeInstanceOf(DocumentError);
    const result = value as ParseResult;
    expect(result.articles[0]!.title).toBe('&lol9;');
    expect(result.warnings.join(' ')).toMatch(/not expanded/);
  });

  it('refuses a quadratic blowup as too complex, quickly', () => {
    const doc = rss(`<!DOCTYPE rss [<!ENTITY a "${'a'.repeat(50_000)}">]>`, '&a;'.repeat(50_000));
    const { value, ms } = timed(() => parse(doc));
    expect(ms).toBeLessThan(500);
    expect(value).toMatchObject({ code: 'too-complex' });
  });

  it('expands short plain entities only within a total budget', () => {
    const doc = rss(`<!DOCTYPE rss [<!ENTITY a "${'b'.repeat(1000)}">]>`, '&a;'.repeat(2000));
    const { value, ms } = timed(() => parse(doc));
    expect(ms).toBeLessThan(500);
    expect(value).toMatchObject({ code: 'too-complex', message: expect.stringMatching(/entity expansion/) });
  });

  it('expands a harmless internal entity', () => {
    const result = parse(rss('<!DOCTYPE rss [<!ENTITY co "Example &#169; Co">]>', 'By &co;'));
    expect(result.articles[0]!.title).toBe('By Example © Co');
  });

  it('never resolves an external entity', () => {
    const result = parse(rss('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 'x &xxe; y'));
    expect(result.articles[0]!.title).toBe('x &xxe; y');
    expect(JSON.stringify(result)).not.toMatch(/root:/);
  });

  it('refuses 100,000-deep nesting as too complex, quickly', () => {
    const doc = `<rss><channel>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</channel></rss>`;
    const { value, ms } = timed(() => parse(doc));
    expect(ms).toBeLessThan(500);
    expect(value).toMatchObject({ code: 'too-complex', message: expect.stringMatching(/nesting deeper than 256/) });
  });

  it('recovers the items before the cut of a truncated feed, with a warning', () => {
    const result = parse(
      '<rss version="2.0"><channel><title>T</title><item><title>one</title></item><item><title>two</title></item><item><tit',
    );
    expect(result.articles.slice(0, 2).map((a) => a.title)).toEqual(['one', 'two']);
    expect(result.warnings[0]).toMatch(/^not well-formed: /);
  });

  it('reads invalid UTF-8 without failing', () => {
    const bytes = Buffer.concat([
      Buffer.from('<rss version="2.0"><channel><item><title>caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('</title></item></channel></rss>'),
    ]);
    const result = parseDocument(bytes);
    expect(result.articles[0]!.title).toBe('caféÿ');
    expect(result.warnings.join(' ')).toMatch(/not valid UTF-8/);
  });

  it('survives attribute names that collide with object methods', () => {
    const result = parse(
      '<rss version="2.0"><channel><item hasOwnProperty="1" __proto__="2" constructor="3" b="4"><title>ok</title></item></channel></rss>',
    );
    expect(result.articles[0]!.title).toBe('ok');
    expect(({} as Record<string, unknown>)['b']).toBeUndefined();
  });

  it('strips NUL and other control characters from every string', () => {
    const result = parse(
      '<rss version="2.0"><channel><title>a\u0000b\u0001c</title><item><title>x\u0000y</title><guid>g\u0007</guid></item></channel></rss>',
    );
    expect(result.feed.title).toBe('abc');
    expect(result.articles[0]).toMatchObject({ title: 'xy', guid: 'g' });
  });
});

describe('entities', () => {
  it('decodes HTML entities a document never declared, with a warning', () => {
    const result = parse('<rss version="2.0"><channel><title>caf&eacute;&nbsp;&hellip;</title></channel></rss>');
    expect(result.feed.title).toBe('café …');
    expect(result.warnings.join(' ')).toMatch(/undeclared entity: &eacute; &nbsp; &hellip;/);
  });

  it.each([
    ['a=1&b=2', 'a=1&amp;b=2'],
    ['&amp; &#38; &#x26; &copy;', '&amp; &#38; &#x26; &copy;'],
    ['<![CDATA[a & b]]> & <!-- c & d --> &', '<![CDATA[a & b]]> &amp; <!-- c & d --> &amp;'],
    ['<![CDATA[never closed & ', '<![CDATA[never closed & '],
  ])('escapes bare ampersands for recovery: %s', (input, expected) => {
    expect(escapeBareAmpersands(input)).toBe(expected);
  });
});

describe('parseXml', () => {
  it('resolves nested xml:base per element', () => {
    const { root } = parseXml('<feed xml:base="https://a.example/x/"><entry xml:base="y/"><link href="z"/></entry></feed>', null);
    expect(root.children[0]!.base).toBe('https://a.example/x/y/');
  });

  it('maps namespaces to canonical prefixes whatever the document calls them', () => {
    const { root } = parseXml(
      '<rss xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:a="http://www.w3.org/2005/Atom"><d:creator/><a:link/><dc:date/></rss>',
      null,
    );
    expect(root.children.map((c) => c.key)).toEqual(['dc:creator', 'atom:link', 'dc:date']);
  });
});
