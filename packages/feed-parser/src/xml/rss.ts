import { emptyRawItem, feedInfo, type RawItem } from '../normalize.ts';
import type { FeedDocument } from '../feed-document.ts';
import { nonBlank, readExtension } from './extensions.ts';
import { attr, child, childText, textOf } from './read.ts';
import type { XmlElement } from './tree.ts';

/** RSS 0.91/0.92/2.0 (`<rss>`, or a bare `<channel>`) and, through rdf.ts, RSS 0.90/1.0. */
export function readRss(root: XmlElement, baseUrl: string | null): FeedDocument<XmlElement> {
  const channel = root.key === 'channel' ? root : (child(root, 'channel') ?? root);
  const link = channelLink(channel);
  const base = channel.base ?? absolute(link) ?? baseUrl;
  const feed = feedInfo(
    childText(channel, 'title', 'dc:title'),
    'html',
    link,
    base,
    childText(channel, 'language', 'dc:language') ?? channel.lang,
  );
  // RSS 0.90 and 1.0 put items beside the channel; some RSS 2.0 feeds do the same by mistake.
  const items = [...channel.children, ...(channel === root ? [] : root.children)].filter((c) => c.key === 'item');
  return { feed, base, items, readItem: (el) => readRssItem(el, base) };
}

/** The channel's own `<link>` text: never an atom:link, an image link or a textInput link. */
function channelLink(channel: XmlElement): string | null {
  for (const c of channel.children) {
    if (c.key !== 'link') continue;
    const t = nonBlank(textOf(c)) ?? attr(c, 'href');
    if (t) return t;
  }
  return null;
}

export function readRssItem(el: XmlElement, feedBase: string | null): RawItem {
  const item = emptyRawItem(el.base ?? feedBase);
  let guidIsPermaLink = false;
  let alternate: string | null = null;
  for (const c of el.children) {
    if (readExtension(c, item)) continue;
    switch (c.key) {
      case 'title':
      case 'dc:title':
        item.title ??= nonBlank(textOf(c));
        break;
      case 'link':
        item.link ??= nonBlank(textOf(c)) ?? attr(c, 'href');
        break;
      case 'atom:link':
        if ((attr(c, 'rel') ?? 'alternate') === 'alternate') alternate ??= attr(c, 'href');
        break;
      case 'guid':
        if (item.guid === null) {
          item.guid = nonBlank(textOf(c));
          guidIsPermaLink = attr(c, 'ispermalink')?.toLowerCase() !== 'false';
        }
        break;
      case 'description':
      case 'dc:description':
      case 'summary':
        item.summary ??= nonBlank(textOf(c));
        break;
      case 'xhtml:body':
      case 'xhtml:div':
        item.content ??= nonBlank(textOf(c));
        break;
      case 'author':
        item.authors.push(textOf(child(c, 'name', 'atom:name')) ?? textOf(c) ?? '');
        break;
      case 'category':
        item.tags.push(textOf(c) ?? '');
        break;
      case 'pubdate':
        item.published ??= nonBlank(textOf(c));
        break;
      case 'dateline':
        item.dateline ??= nonBlank(textOf(c));
        break;
    }
  }
  item.link ??= alternate;
  // A permalink guid doubles as the link (RSS 2.0), but only when it is a web address.
  if (item.link === null && guidIsPermaLink && item.guid !== null && /^https?:\/\//i.test(item.guid)) {
    item.link = item.guid;
  }
  item.language ??= el.attrs.get('xml:lang') ?? null;
  return item;
}

function absolute(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}
