import type { FeedDocument } from '../feed-document.ts';
import { resolveUrl } from '../sanitize.ts';
import { emptyRawItem, feedInfo, type RawItem, type TextType } from '../normalize.ts';
import { isImage, nonBlank, readExtension } from './extensions.ts';
import { attr, child, childText, innerXml, textOf } from './read.ts';
import type { XmlElement } from './tree.ts';

/** Atom 1.0, Atom 0.3 and the pre-standard drafts (namespace `http://purl.org/atom/ns#...`). */
export function readAtom(root: XmlElement, baseUrl: string | null): FeedDocument<XmlElement> {
  const isEntryDocument = is(root, 'entry');
  const alternate = alternateLink(root);
  const base = root.base ?? absolute(alternate) ?? baseUrl;
  const title = textConstruct(find(root, 'title'));
  const feed = isEntryDocument
    ? { title: null, url: null, language: null }
    : feedInfo(title?.value ?? null, title?.type ?? 'text', alternate, root.base ?? baseUrl,
      root.attrs.get('xml:lang') ?? childText(root, 'dc:language'));
  const feedAuthors = isEntryDocument ? [] : authorsOf(root);
  const items = isEntryDocument ? [root] : root.children.filter((c) => is(c, 'entry'));
  return { feed, base, items, readItem: (el) => readEntry(el, base, feedAuthors) };
}

function readEntry(el: XmlElement, feedBase: string | null, feedAuthors: string[]): RawItem {
  const item = emptyRawItem(el.base ?? feedBase);
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
        if (attr(c, 'rel') === 'enclosure' && isImage(attr(c, 'type'), attr(c, 'href'))) item.imageUrl ??= attr(c, 'href');
        break;
    }
  }
  item.link = alternateLink(el);
  const authors = authorsOf(el);
  item.authors.unshift(...(authors.length > 0 ? authors : feedAuthors));
  item.language ??= el.lang;
  return item;
}

function setText(el: XmlElement, set: (value: string, type: TextType) => void): void {
  const t = textConstruct(el);
  if (t !== null) set(t.value, t.type);
}

/**
 * An Atom text construct as text or HTML. Atom 1.0 says `type="text|html|xhtml"`; Atom 0.3
 * says a MIME type plus `mode="xml|escaped|base64"`.
 */
export function textConstruct(el: XmlElement | undefined): { value: string; type: TextType } | null {
  if (el === undefined || el.attrs.has('src')) return null;
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  const mode = attr(el, 'mode')?.toLowerCase();
  let value: string | null;
  let kind: TextType;
  if (mode === 'base64') {
    value = Buffer.from(textOf(el) ?? '', 'base64').toString('utf8');
    kind = type.includes('html') ? 'html' : 'text';
  } else if (type === 'xhtml' || type.includes('xhtml') || el.children.length > 0) {
    const div = el.children.length === 1 && el.children[0]!.local === 'div' ? el.children[0]! : el;
    value = innerXml(div);
    kind = 'html';
  } else {
    value = textOf(el);
    kind = type === 'html' || type.includes('html') || mode === 'escaped' && type !== 'text/plain' ? 'html' : 'text';
  }
  value = nonBlank(value);
  return value === null ? null : { value, type: kind };
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
    const name = childText(c, 'atom:name', 'name') ?? childText(c, 'atom:email', 'email') ?? nonBlank(textOf(c));
    if (name !== null) out.push(name);
  }
  return out;
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
