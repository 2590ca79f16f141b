import type { FeedDocument } from '../feed-document.ts';
import { feedInfo } from '../normalize.ts';
import { applyStandIns, emptyRawItem, type RawItem, type TextType } from '../raw-item.ts';
import { absoluteLink, noCadence, noLinks } from '../feed-hints.ts';
import { resolveUrl } from '../sanitize.ts';
import { isImage, nonBlank, readExtension } from './extensions.ts';
import { readLinkRelations } from './feed-hints.ts';
import { attr, child, childText, textOf } from './read.ts';
import { textConstruct } from './text-construct.ts';
import type { XmlElement } from './tree.ts';

/** Atom 1.0, Atom 0.3 and the pre-standard drafts (namespace `http://purl.org/atom/ns#...`). */
export function readAtom(root: XmlElement, baseUrl: string | null): FeedDocument<XmlElement> {
  const isEntryDocument = is(root, 'entry');
  const alternate = alternateLink(root);
  const base = root.base ?? absolute(alternate) ?? baseUrl;
  const title = textConstruct(find(root, 'title'));
  const feed = isEntryDocument
    ? { title: null, url: null, language: null }
    : feedInfo(
        title?.value ?? null,
        title?.type ?? 'text',
        alternate,
        root.base ?? baseUrl,
        root.attrs.get('xml:lang') ?? childText(root, 'dc:language'),
      );
  const feedAuthors = isEntryDocument ? [] : authorsOf(root);
  const items = isEntryDocument ? [root] : root.children.filter((c) => is(c, 'entry'));
  const links = isEntryDocument ? noLinks() : readLinkRelations(root, absoluteLink(feed.url, null), root.base ?? baseUrl);
  return { feed, cadence: noCadence(), links, base, items, readItem: (el) => readEntry(el, base, feedAuthors) };
}

function readEntry(el: XmlElement, feedBase: string | null, feedAuthors: string[]): RawItem {
  const item = emptyRawItem(el.base ?? feedBase);
  // Atom names, terms and untyped text constructs are plain text; nothing is guessed.
  item.plainType = 'text';
  item.titleType = item.summaryType = 'text';
  for (const c of el.children) {
    if (readExtension(c, item)) continue;
    if (!isAtom(c)) continue;
    switch (c.local) {
      case 'id':
        item.guid ??= nonBlank(textOf(c));
        break;
      case 'title':
        if (item.title === null) setText(c, (value, type) => ((item.title = value), (item.titleType = type)));
        break;
      case 'summary':
        if (item.summary === null) setText(c, (value, type) => ((item.summary = value), (item.summaryType = type)));
        break;
      case 'content':
        if (item.content === null) setText(c, (value, type) => ((item.content = value), (item.contentType = type)));
        break;
      case 'category':
        item.tags.push(attr(c, 'term') ?? textOf(c) ?? '');
        break;
      case 'published':
      case 'issued':
        item.published ??= nonBlank(textOf(c));
        break;
      case 'updated':
      case 'modified':
        item.updated ??= nonBlank(textOf(c));
        break;
      case 'link':
        if (attr(c, 'rel') === 'enclosure') readEnclosure(c, item);
        break;
    }
  }
  item.link = alternateLink(el);
  // The entry's own authors, else its Dublin Core or iTunes ones, else the feed's.
  const authors = authorsOf(el);
  item.authors.unshift(...authors);
  applyStandIns(item);
  if (!item.authors.some((a) => a.trim() !== '')) item.authors = [...feedAuthors];
  item.language ??= el.lang;
  return item;
}

/** `<link rel="enclosure">`: any media file keeps the item, an image is its picture. */
function readEnclosure(c: XmlElement, item: RawItem): void {
  const href = attr(c, 'href');
  item.mediaUrl ??= href;
  if (isImage(attr(c, 'type'), href)) item.imageUrl ??= href;
}

function setText(el: XmlElement, set: (value: string, type: TextType) => void): void {
  const t = textConstruct(el);
  if (t !== null) set(t.value, t.type);
}

/** The first link with `rel="alternate"` or no rel that has an address, resolved against xml:base. */
function alternateLink(el: XmlElement): string | null {
  for (const c of el.children) {
    if (!is(c, 'link')) continue;
    const rel = attr(c, 'rel')?.toLowerCase() ?? 'alternate';
    // Some generators write the address as the link's text instead of its href.
    const href = attr(c, 'href') ?? nonBlank(textOf(c));
    if (rel === 'alternate' && href !== null) return /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : resolveUrl(href, c.base);
  }
  return null;
}

function authorsOf(el: XmlElement): string[] {
  const out: string[] = [];
  for (const c of el.children) {
    if (!is(c, 'author')) continue;
    const name = authorNameOf(c);
    if (name !== null) out.push(name);
  }
  return out;
}

/** An `<author>`'s name, or its email when it has no name; a bare `<uri>` names nobody. */
export function authorNameOf(author: XmlElement): string | null {
  // The element's own text only when it has no children: else it would be its markup.
  return (
    childText(author, 'atom:name', 'name') ??
    childText(author, 'atom:email', 'email') ??
    (author.children.length === 0 ? nonBlank(textOf(author)) : null)
  );
}

function isAtom(el: XmlElement): boolean {
  return el.key === `atom:${el.local}` || el.key === el.local;
}

function is(el: XmlElement, local: string): boolean {
  return el.local === local && isAtom(el);
}

function find(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => is(c, local)) ?? child(el, local);
}

function absolute(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}
