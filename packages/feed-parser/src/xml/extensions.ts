import { standInsOf, type RawItem, type TextType } from '../raw-item.ts';
import { attr, child, textOf } from './read.ts';
import type { XmlElement } from './tree.ts';

/**
 * The namespaced item elements every XML format shares: Dublin Core, DC terms, content:encoded,
 * Media RSS, iTunes and RSS `<enclosure>`. Dublin Core, content:encoded and Media RSS images
 * count as the item's own fields; iTunes tags and Media RSS keywords, categories and credits
 * only stand in for fields the item lacks. Returns false for an element it does not know.
 */
export function readExtension(c: XmlElement, item: RawItem): boolean {
  switch (c.key) {
    case 'dc:creator':
    case 'dc:author':
    case 'dc:contributor':
      pushText(item.authors, c);
      return true;
    case 'dc:subject':
      pushText(item.tags, c);
      return true;
    case 'dc:date':
    case 'dcterms:modified':
      item.updated ??= nonBlank(textOf(c));
      return true;
    case 'dcterms:issued':
    case 'dcterms:created':
      item.published ??= nonBlank(textOf(c));
      return true;
    case 'dc:language':
      item.language ??= nonBlank(textOf(c));
      return true;
    case 'content:encoded':
      item.content = nonBlank(textOf(c)) ?? item.content;
      item.contentType = 'html';
      return true;
    case 'media:group':
      for (const m of c.children) readExtension(m, item);
      return true;
    case 'media:thumbnail':
      item.imageUrl ??= attr(c, 'url');
      return true;
    case 'media:content':
      readMediaContent(c, item);
      return true;
    case 'media:description':
    case 'media:title':
      setCaption(item, c);
      return true;
    case 'enclosure':
      item.mediaUrl ??= attr(c, 'url');
      if (isImage(attr(c, 'type'), attr(c, 'url'))) item.imageUrl ??= attr(c, 'url');
      return true;
    case 'media:keywords':
    case 'itunes:keywords':
      standInsOf(item).tags.push(...splitList(textOf(c)));
      return true;
    case 'media:category':
      pushText(standInsOf(item).tags, c, attr(c, 'label'));
      return true;
    case 'itunes:category':
      pushText(standInsOf(item).tags, c, attr(c, 'text'));
      return true;
    case 'media:credit':
      if (AUTHOR_ROLES.has(attr(c, 'role')?.toLowerCase() ?? '')) pushText(standInsOf(item).authors, c);
      return true;
    case 'itunes:author':
      pushText(standInsOf(item).authors, c);
      return true;
    case 'itunes:image':
      standInsOf(item).imageUrl ??= attr(c, 'href') ?? nonBlank(textOf(c));
      return true;
    case 'itunes:title':
      standInsOf(item).title ??= nonBlank(textOf(c));
      return true;
    case 'itunes:summary':
    case 'itunes:subtitle':
      standInsOf(item).summary ??= nonBlank(textOf(c));
      return true;
    default:
      return false;
  }
}

/** Media RSS credits that name who wrote or made the item; '' is a credit without a role. */
const AUTHOR_ROLES = new Set(['', 'author', 'writer', 'creator', 'uploader', 'owner']);

function readMediaContent(c: XmlElement, item: RawItem): void {
  const url = attr(c, 'url');
  if (url === null) return;
  item.mediaUrl ??= url;
  if (attr(c, 'medium') !== 'image' && !isImage(attr(c, 'type'), url)) return;
  if (item.imageUrl !== null && item.imageUrl !== url) return;
  item.imageUrl = url;
  if (item.imageCaption === null) setCaption(item, child(c, 'media:description') ?? child(c, 'media:title'));
}

/** Media RSS says `type="plain"` (the default) or `type="html"`; without it, the item's own convention. */
function setCaption(item: RawItem, el: XmlElement | undefined): void {
  if (item.imageCaption !== null || el === undefined) return;
  const caption = nonBlank(textOf(el));
  if (caption === null) return;
  const type = attr(el, 'type')?.toLowerCase();
  item.imageCaption = caption;
  item.imageCaptionType = type === 'html' ? 'html' : type === 'plain' ? 'text' : (item.plainType satisfies TextType);
}

/** `a, b, c` keyword lists. */
function splitList(text: string | null): string[] {
  return text === null
    ? []
    : text
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
}

export function isImage(type: string | null, url: string | null): boolean {
  if (type !== null) return type.toLowerCase().startsWith('image/');
  return url !== null && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

function pushText(list: string[], el: XmlElement, preferred: string | null = null): void {
  const t = preferred ?? nonBlank(textOf(el));
  if (t !== null) list.push(t);
}

export function nonBlank(s: string | null): string | null {
  if (s === null) return null;
  const t = s.trim();
  return t === '' ? null : t;
}
