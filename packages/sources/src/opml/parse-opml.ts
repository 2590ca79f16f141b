import { parseXml, type XmlElement } from '@newsrank/feed-parser/xml';
import { OpmlError, type OpmlOutline } from './opml-types.ts';

/** Characters of OPML read at most: a subscription list of 10,000 feeds is about 3 MB. */
export const MAX_OPML_CHARS = 20 * 1024 * 1024;
export const MAX_OPML_FEEDS = 10_000;
const MAX_FIELD = 2048;

/**
 * The feeds of an OPML subscription list (OPML 1.0/2.0 as feed readers export it): every outline
 * with an `xmlUrl`, however deeply nested, its category the nearest enclosing folder (an outline
 * without `xmlUrl`), else its own `category` attribute. The same feed listed twice is one. The
 * document is read by the feed parser's XML reader with one rule more: no DTD may declare
 * entities, so nothing at all is expanded.
 */
export function parseOpml(text: string): { outlines: OpmlOutline[]; warnings: string[] } {
  if (text.length > MAX_OPML_CHARS)
    throw new OpmlError('too-large', `the OPML document is larger than ${MAX_OPML_CHARS / 1024 / 1024} MiB`);
  if (/<!ENTITY/i.test(text)) throw new OpmlError('unparseable', 'the OPML document declares entities, which newsrank does not read');
  let root: XmlElement;
  let xmlWarnings: string[];
  try {
    ({ root, warnings: xmlWarnings } = parseXml(text.replace(/^\uFEFF/, ''), null));
  } catch (error) {
    throw new OpmlError('unparseable', `the OPML document cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (root.local !== 'opml')
    throw new OpmlError('not-opml', `<${root.qname.slice(0, 40)}> is not an OPML document (its root must be <opml>)`);
  const body = root.children.find((c) => c.local === 'body');
  if (body === undefined) throw new OpmlError('not-opml', 'the OPML document has no <body>');

  const byUrl = new Map<string, OpmlOutline>();
  const counts = { duplicates: 0, withoutUrl: 0, over: 0 };
  const visit = (el: XmlElement, folder: string | null) => {
    for (const c of el.children) {
      if (c.local !== 'outline') continue;
      const xmlUrl = field(c, 'xmlurl');
      if (xmlUrl === null) {
        if (c.children.length === 0) counts.withoutUrl++;
        visit(c, field(c, 'text') ?? field(c, 'title') ?? folder);
        continue;
      }
      add(byUrl, readFeed(c, xmlUrl, folder), counts);
    }
  };
  visit(body, null);

  const warnings = xmlWarnings.map((w) => `XML: ${w}`);
  if (counts.withoutUrl > 0) warnings.push(`${counts.withoutUrl} outline(s) without an xmlUrl skipped`);
  if (counts.duplicates > 0) warnings.push(`${counts.duplicates} duplicate feed(s) folded into one`);
  if (counts.over > 0) warnings.push(`only the first ${MAX_OPML_FEEDS} feeds are read; ${counts.over} more skipped`);
  return { outlines: [...byUrl.values()], warnings };
}

function readFeed(el: XmlElement, xmlUrl: string, folder: string | null): OpmlOutline {
  const url = normalUrl(xmlUrl);
  const text = field(el, 'text') ?? field(el, 'title');
  const htmlUrl = field(el, 'htmlurl');
  return {
    url,
    // A reader with no title for a feed writes its URL as the text.
    title: text === null || text === xmlUrl || text === url ? null : text,
    siteUrl: htmlUrl === null ? null : normalUrl(htmlUrl),
    category: folder ?? categoryAttribute(field(el, 'category')),
  };
}

function add(byUrl: Map<string, OpmlOutline>, feed: OpmlOutline, counts: { duplicates: number; over: number }): void {
  const seen = byUrl.get(feed.url);
  if (seen !== undefined) {
    counts.duplicates++;
    // The first listing wins; a later one only fills what it left blank.
    seen.title ??= feed.title;
    seen.siteUrl ??= feed.siteUrl;
    seen.category ??= feed.category;
    return;
  }
  if (byUrl.size >= MAX_OPML_FEEDS) {
    counts.over++;
    return;
  }
  byUrl.set(feed.url, feed);
}

/** OPML 2.0 `category="/Tech/JavaScript,/News"`: the innermost name of the first path. */
function categoryAttribute(value: string | null): string | null {
  const first = value?.split(',')[0];
  const name = first
    ?.split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .at(-1);
  return name ?? null;
}

/** An attribute, trimmed and bounded; null when absent or blank. Attribute names are matched case-blind. */
function field(el: XmlElement, name: string): string | null {
  const value = el.attrs.get(name)?.replace(/\s+/g, ' ').trim();
  return value === undefined || value === '' ? null : value.slice(0, MAX_FIELD);
}

function normalUrl(raw: string): string {
  const url = URL.parse(raw);
  return url === null ? raw : url.href;
}
