import { describe, expect, it } from 'vitest';
import { exportOpml } from './export-opml.ts';
import { OpmlError, type OpmlOutline } from './opml-types.ts';
import { MAX_OPML_FEEDS, parseOpml } from './parse-opml.ts';

const opml = (body: string, head = '<head><title>Subscriptions</title></head>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">${head}<body>${body}</body></opml>`;

describe('parseOpml', () => {
  it('reads feeds at the top level and in nested folders, each with its nearest folder', () => {
    const { outlines, warnings } = parseOpml(
      opml(`
      <outline text="Loose" type="rss" xmlUrl="https://loose.example/feed" htmlUrl="https://loose.example/"/>
      <outline text="Tech" title="Technology">
        <outline text="Ars" type="rss" xmlUrl="https://ars.example/rss"/>
        <outline title="Languages">
          <outline text="JS weekly" xmlUrl="https://js.example/atom.xml" htmlUrl="https://js.example"/>
        </outline>
      </outline>`),
    );
    expect(outlines).toEqual([
      { url: 'https://loose.example/feed', title: 'Loose', siteUrl: 'https://loose.example/', category: null },
      { url: 'https://ars.example/rss', title: 'Ars', siteUrl: null, category: 'Tech' },
      { url: 'https://js.example/atom.xml', title: 'JS weekly', siteUrl: 'https://js.example/', category: 'Languages' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('takes the category attribute when no folder encloses the feed', () => {
    const { outlines } = parseOpml(
      opml(`
      <outline text="A" xmlUrl="https://a.example/feed" category="/Tech/JavaScript,/News"/>
      <outline text="B" xmlUrl="https://b.example/feed" category="sports"/>
      <outline text="Folder"><outline text="C" xmlUrl="https://c.example/feed" category="ignored"/></outline>`),
    );
    expect(outlines.map((o) => o.category)).toEqual(['JavaScript', 'sports', 'Folder']);
  });

  it('reads attribute names in any case, as readers write them', () => {
    const { outlines } = parseOpml(opml('<outline TEXT="Upper" XMLURL="https://u.example/feed" HTMLURL="https://u.example/"/>'));
    expect(outlines).toEqual([{ url: 'https://u.example/feed', title: 'Upper', siteUrl: 'https://u.example/', category: null }]);
  });

  it('folds a feed listed twice into one, the first listing first, and says so', () => {
    const { outlines, warnings } = parseOpml(
      opml(`
      <outline text="News"><outline xmlUrl="https://n.example/feed" text="https://n.example/feed"/></outline>
      <outline text="Again"><outline xmlUrl="HTTPS://N.EXAMPLE/feed" text="N" htmlUrl="https://n.example/"/></outline>`),
    );
    expect(outlines).toEqual([{ url: 'https://n.example/feed', title: 'N', siteUrl: 'https://n.example/', category: 'News' }]);
    expect(warnings).toEqual(['1 duplicate feed(s) folded into one']);
  });

  it('skips outlines without an xmlUrl, keeps odd URLs for the caller to judge, decodes entities', () => {
    const { outlines, warnings } = parseOpml(
      opml(`
      <outline text="A link" type="link" url="https://x.example/"/>
      <outline text="Tom &amp; Jerry &#x2603; &eacute;" xmlUrl="  https://t.example/feed?a=1&amp;b=2  "/>
      <outline text="Relative" xmlUrl="feed.xml"/>`),
    );
    expect(outlines).toEqual([
      { url: 'https://t.example/feed?a=1&b=2', title: 'Tom & Jerry ☃ é', siteUrl: null, category: null },
      { url: 'feed.xml', title: 'Relative', siteUrl: null, category: null },
    ]);
    expect(warnings).toEqual(['XML: undeclared entity: &eacute; decoded as HTML', '1 outline(s) without an xmlUrl skipped']);
  });

  it('reads a document that is not quite well-formed, with a warning', () => {
    const { outlines, warnings } = parseOpml(opml('<outline text="A & B" xmlUrl="https://a.example/feed?x=1&y=2"/>'));
    expect(outlines).toEqual([{ url: 'https://a.example/feed?x=1&y=2', title: 'A & B', siteUrl: null, category: null }]);
    expect(warnings[0]).toMatch(/^XML: not well-formed/);
  });

  it.each([
    ['not XML', 'hello', 'unparseable'],
    ['another XML document', '<rss version="2.0"><channel/></rss>', 'not-opml'],
    ['OPML without a body', '<opml version="2.0"><head/></opml>', 'not-opml'],
    [
      'entity declarations',
      '<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body><outline text="&a;" xmlUrl="https://a.example/"/></body></opml>',
      'unparseable',
    ],
    ['nesting too deep', `<opml><body>${'<outline text="f">'.repeat(300)}${'</outline>'.repeat(300)}</body></opml>`, 'unparseable'],
    ['a huge document', `<opml><body>${' '.repeat(21 * 1024 * 1024)}</body></opml>`, 'too-large'],
  ])('refuses %s', (_name, text, code) => {
    let caught: unknown;
    try {
      parseOpml(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OpmlError);
    expect((caught as OpmlError).code).toBe(code);
  });

  it('reads at most MAX_OPML_FEEDS feeds', () => {
    const many = Array.from({ length: MAX_OPML_FEEDS + 5 }, (_, i) => `<outline text="F${i}" xmlUrl="https://f.example/${i}"/>`).join('');
    const { outlines, warnings } = parseOpml(opml(many));
    expect(outlines).toHaveLength(MAX_OPML_FEEDS);
    expect(warnings).toEqual([`only the first ${MAX_OPML_FEEDS} feeds are read; 5 more skipped`]);
  });
});

describe('exportOpml', () => {
  const sources: OpmlOutline[] = [
    { url: 'https://a.example/feed', title: 'A & "B" <C>', siteUrl: 'https://a.example/', category: 'Tech' },
    { url: 'https://b.example/feed?x=1&y=2', title: null, siteUrl: null, category: null },
    { url: 'https://c.example/rss', title: "It's ☃ and 日本", siteUrl: null, category: 'World & Politics' },
    { url: 'https://d.example/atom', title: 'D', siteUrl: 'https://d.example/', category: 'Tech' },
  ];

  it('writes OPML 2.0 grouped by category, escaped', () => {
    const text = exportOpml(sources, { title: 'My <feeds>', now: new Date('2025-01-13T12:00:00Z') });
    expect(text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>My &lt;feeds&gt;</title>',
        '    <dateCreated>Mon, 13 Jan 2025 12:00:00 GMT</dateCreated>',
        '  </head>',
        '  <body>',
        '    <outline type="rss" text="https://b.example/feed?x=1&amp;y=2" xmlUrl="https://b.example/feed?x=1&amp;y=2"/>',
        '    <outline text="Tech" title="Tech">',
        '      <outline type="rss" text="A &amp; &quot;B&quot; &lt;C&gt;" title="A &amp; &quot;B&quot; &lt;C&gt;" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>',
        '      <outline type="rss" text="D" title="D" xmlUrl="https://d.example/atom" htmlUrl="https://d.example/"/>',
        '    </outline>',
        '    <outline text="World &amp; Politics" title="World &amp; Politics">',
        '      <outline type="rss" text="It&apos;s ☃ and 日本" title="It&apos;s ☃ and 日本" xmlUrl="https://c.example/rss"/>',
        '    </outline>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });

  it('round-trips through parseOpml', () => {
    const { outlines, warnings } = parseOpml(exportOpml(sources));
    const byUrl = (list: OpmlOutline[]) => [...list].sort((a, b) => a.url.localeCompare(b.url));
    expect(byUrl(outlines)).toEqual(byUrl(sources));
    expect(warnings).toEqual([]);
  });

  it('drops characters XML cannot hold instead of writing a broken document', () => {
    const text = exportOpml([
      { url: 'https://x.example/feed', title: 'bell\u0007 and \uFFFF and \uD800 gone', siteUrl: null, category: null },
    ]);
    expect(parseOpml(text).outlines[0]!.title).toBe('bell and and gone');
  });

  it('writes an empty list as a valid document', () => {
    expect(parseOpml(exportOpml([]))).toEqual({ outlines: [], warnings: [] });
  });
});
