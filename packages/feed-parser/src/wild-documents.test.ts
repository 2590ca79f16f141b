import { describe, expect, it } from 'vitest';
import { parseDocument, TRUNCATED_ITEM_REASON, type ParseResult } from './index.ts';

// Documents written for each class of misreading seen on feeds from the wild: one rule each,
// asserted on what a reader of the stored article would see.
const NOW = new Date('2026-03-01T12:00:00Z');
const parse = (document: string, contentType?: string): ParseResult =>
  parseDocument(new TextEncoder().encode(document), { now: NOW, contentType });

const rss = (items: string, namespaces = '') =>
  `<?xml version="1.0"?><rss version="2.0" ${namespaces}><channel><title>Wire</title><link>https://wire.example/</link>${items}</channel></rss>`;

const ATOM_NS = 'xmlns:atom="http://www.w3.org/2005/Atom"';
const EXTENSION_NS = [
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
].join(' ');

describe('an item without a title', () => {
  it('is kept with a title from its first sentence (a headline: no full stop), and the item says the title was derived', () => {
    const result = parse(
      rss(
        '<item><description>Rail strike called off after overnight talks. Unions will vote on Monday.</description><link>https://wire.example/a</link></item>',
      ),
    );
    expect(result.rejected).toEqual([]);
    expect(result.articles[0]?.title).toBe('Rail strike called off after overnight talks');
    expect(result.articles[0]?.warnings.join(' ')).toMatch(/title.*derived/i);
  });

  it('cuts a long first sentence at a word boundary with an ellipsis', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const [article] = parse(rss(`<item><description>${words}</description><guid>g-1</guid></item>`)).articles;
    expect(article?.title?.endsWith('…')).toBe(true);
    expect(article?.title?.length).toBeLessThanOrEqual(101);
    expect(words.startsWith(article!.title!.slice(0, -1).trimEnd())).toBe(true);
  });

  it('falls back to the URL when the item has no text', () => {
    const [article] = parse(rss('<item><link>https://wire.example/2026/03/budget-vote</link></item>')).articles;
    expect(article?.title).toMatch(/budget.vote/i);
  });

  it('is kept in a JSON Feed too', () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [{ id: '1', content_text: 'Short note without a title.' }],
    });
    const [article] = parse(feed).articles;
    expect(article?.title).toBe('Short note without a title');
  });

  it('stays rejected only when it carries nothing at all', () => {
    const result = parse(rss('<item></item><item><title>Kept</title></item>'));
    expect(result.articles.map((a) => a.title)).toEqual(['Kept']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.index).toBe(0);
  });
});

describe('escaped text', () => {
  it('is the literal characters, never a tag to strip', () => {
    const result = parse(
      rss('<item><title>&lt;/example&gt;</title><guid>1</guid></item><item><title>AT&amp;T &lt;3</title><guid>2</guid></item>'),
    );
    expect(result.articles.map((a) => a.title)).toEqual(['</example>', 'AT&T <3']);
  });

  it('holds for author, category and caption as well', () => {
    const [article] = parse(
      rss(
        `<item><title>t</title><guid>1</guid><dc:creator>Smith &amp; Jones &lt;desk&gt;</dc:creator><category>Q&amp;A</category>` +
          `<media:content url="https://wire.example/p.jpg" medium="image"><media:description>A &lt;b&gt; tag on a sign</media:description></media:content></item>`,
        EXTENSION_NS,
      ),
    ).articles;
    expect(article?.author).toBe('Smith & Jones <desk>');
    expect(article?.category).toBe('Q&A');
    expect(article?.imageCaption).toBe('A <b> tag on a sign');
  });
});

describe('Atom elements inside an RSS item', () => {
  const item = `<item>
    <atom:title>Atom title</atom:title>
    <atom:id>urn:uuid:4f1c0a1e-0000-4000-8000-000000000001</atom:id>
    <atom:link rel="alternate" href="https://wire.example/atom-link"/>
    <atom:link rel="enclosure" type="image/jpeg" href="https://wire.example/photo.jpg"/>
    <atom:author><atom:name>Hanako Sato</atom:name><atom:email>h@wire.example</atom:email></atom:author>
    <atom:published>2026-02-28T09:30:00+09:00</atom:published>
    <atom:updated>2026-02-28T10:00:00+09:00</atom:updated>
    <atom:content type="html">&lt;p&gt;Body &lt;em&gt;here&lt;/em&gt;&lt;/p&gt;</atom:content>
  </item>`;

  it('are read as the RSS fields they stand for', () => {
    const [article] = parse(rss(item, ATOM_NS)).articles;
    expect(article).toMatchObject({
      title: 'Atom title',
      guid: 'urn:uuid:4f1c0a1e-0000-4000-8000-000000000001',
      url: 'https://wire.example/atom-link',
      imageUrl: 'https://wire.example/photo.jpg',
      author: 'Hanako Sato',
      publishedAt: '2026-02-28T00:30:00Z',
      updatedAt: '2026-02-28T01:00:00Z',
    });
    expect(article?.contentHtml).toContain('<em>here</em>');
  });

  it('never override the RSS field that is present', () => {
    const [article] = parse(
      rss(item.replace('<item>', '<item><title>RSS title</title><link>https://wire.example/rss-link</link>'), ATOM_NS),
    ).articles;
    expect(article?.title).toBe('RSS title');
    expect(article?.url).toBe('https://wire.example/rss-link');
  });

  it('read XHTML Atom content', () => {
    const xhtml = `<item><title>t</title><guid>x</guid><atom:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para <b>bold</b></p></div></atom:content></item>`;
    const [article] = parse(rss(xhtml, ATOM_NS)).articles;
    expect(article?.contentHtml).toContain('<b>bold</b>');
  });
});

describe('the usual namespaces', () => {
  it('give author, date, tags, content and image', () => {
    const [article] = parse(
      rss(
        `<item><title>Pod</title><guid>p1</guid><dc:date>2026-02-27T08:00:00Z</dc:date><dc:subject>Economy</dc:subject>` +
          `<itunes:author>Desk Team</itunes:author><itunes:image href="https://wire.example/cover.png"/>` +
          `<content:encoded><![CDATA[<p>Full <a href="/x">text</a></p>]]></content:encoded></item>`,
        EXTENSION_NS,
      ),
    ).articles;
    expect(article).toMatchObject({ author: 'Desk Team', publishedAt: '2026-02-27T08:00:00Z', imageUrl: 'https://wire.example/cover.png' });
    expect([article?.category, ...(article?.tags ?? [])]).toContain('Economy');
    expect(article?.contentHtml).toContain('Full');
  });
});

describe('an RSS description that is HTML', () => {
  it('is the sanitized content, and the summary is its plain text', () => {
    const [article] = parse(
      rss(
        '<item><title>t</title><guid>1</guid><description>&lt;p&gt;First &lt;strong&gt;bold&lt;/strong&gt; words.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>',
      ),
    ).articles;
    expect(article?.contentHtml).toContain('<strong>bold</strong>');
    expect(article?.contentHtml).not.toContain('script');
    expect(article?.summary).toBe('First bold words.');
  });

  it('leaves a plain-text description as summary only', () => {
    const [article] = parse(rss('<item><title>t</title><guid>1</guid><description>Just words, 3 &lt; 4.</description></item>')).articles;
    expect(article?.summary).toBe('Just words, 3 < 4.');
  });
});

describe('dates that cannot be true', () => {
  const dated = (value: string) => parse(rss(`<item><title>t</title><guid>g</guid><pubDate>${value}</pubDate></item>`));

  it.each([
    ['two days after receipt', 'Tue, 03 Mar 2026 12:00:00 GMT'],
    ['before 1970', 'Mon, 01 Jan 1900 00:00:00 GMT'],
  ])('%s: publishedAt is null with a warning naming the raw value, and the item is kept', (_, value) => {
    const result = dated(value);
    expect(result.rejected).toEqual([]);
    expect(result.articles[0]?.publishedAt).toBeNull();
    expect(result.articles[0]?.warnings.join(' ')).toContain(value);
  });

  it.each(['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z'])('a year such as %s is not stored', (value) => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>t</title><id>urn:a</id><published>${value}</published></entry></feed>`;
    const [article] = parse(feed).articles;
    expect(article?.publishedAt).toBeNull();
    expect(article?.warnings.join(' ')).toContain(value);
  });

  it('keeps a date less than a day ahead (a clock slightly fast)', () => {
    expect(dated('Sun, 01 Mar 2026 20:00:00 GMT').articles[0]?.publishedAt).toBe('2026-03-01T20:00:00Z');
  });
});

describe('a document cut off in the middle', () => {
  it('keeps the items completed before the break and rejects the cut one', () => {
    const whole = rss(
      '<item><title>One</title><guid>1</guid></item><item><title>Two</title><guid>2</guid></item><item><title>Three is half a ti',
    );
    const cut = whole.slice(0, whole.indexOf('</channel>'));
    const result = parse(cut);
    expect(result.articles.map((a) => a.title)).toEqual(['One', 'Two']);
    expect(result.rejected).toEqual([{ index: 2, reason: TRUNCATED_ITEM_REASON }]);
  });

  it('does the same for Atom', () => {
    const cut =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>Whole</title><id>urn:1</id></entry><entry><title>Cut</title><content>half';
    const result = parse(cut);
    expect(result.articles.map((a) => a.title)).toEqual(['Whole']);
    expect(result.rejected).toEqual([{ index: 1, reason: TRUNCATED_ITEM_REASON }]);
  });
});

describe('tracking parameters', () => {
  it('are not part of the stored link', () => {
    const result = parse(
      rss(
        '<item><title>t</title><link>https://wire.example/story?id=7&amp;utm_source=x&amp;utm_medium=rss&amp;fbclid=abc&amp;gclid=def&amp;mc_cid=1&amp;mc_eid=2</link></item>',
      ),
    );
    expect(result.articles[0]?.url).toBe('https://wire.example/story?id=7');
  });
});
