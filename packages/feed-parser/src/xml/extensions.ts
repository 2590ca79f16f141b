import type { RawItem } from '../normalize.ts';
import { attr, child, textOf } from './read.ts';
import type { XmlElement } from './tree.ts';

/**
 * The namespaced item elements every XML format shares: Dublin Core, DC terms, content:encoded,
 * Media RSS, and RSS `<enclosure>`. Returns false for an element it does not know.
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
      item.imageCaption ??= nonBlank(textOf(c));
      return true;
    case 'enclosure':
      if (isImage(attr(c, 'type'), attr(c, 'url'))) item.imageUrl ??= attr(c, 'url');
      return true;
    default:
      return false;
  }
}

function readMediaContent(c: XmlElement, item: RawItem): void {
  const url = attr(c, 'url');
  if (url === null) return;
  if (attr(c, 'medium') !== 'image' && !isImage(attr(c, 'type'), url)) return;
  if (item.imageUrl !== null && item.imageUrl !== url) return;
  item.imageUrl = url;
  item.imageCaption ??= nonBlank(textOf(child(c, 'media:description'))) ?? nonBlank(textOf(child(c, 'media:title')));
}

export function isImage(type: string | null, url: string | null): boolean {
  if (type !== null) return type.toLowerCase().startsWith('image/');
  return url !== null && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

function pushText(list: string[], el: XmlElement): void {
  const t = nonBlank(textOf(el));
  if (t !== null) list.push(t);
}

export function nonBlank(s: string | null): string | null {
  if (s === null) return null;
  const t = s.trim();
  return t === '' ? null : t;
}
