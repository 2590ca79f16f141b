import type { FeedDocument } from '../feed-document.ts';
import { feedInfo } from '../normalize.ts';
import { applyStandIns, emptyRawItem, standInsOf, type RawItem } from '../raw-item.ts';
import { containsHtml } from '../text-kind.ts';
import { absoluteLink } from '../feed-hints.ts';
import { authorNameOf } from './atom.ts';
import { isImage, nonBlank, readExtension } from './extensions.ts';
import { readLinkRelations, readRssCadence } from './feed-hints.ts';
import { attr, child, childText, textOf } from './read.ts';
import { textConstruct } from './text-construct.ts';
import type { XmlElement } from './tree.ts';

/** RSS 0.91/0.92/2.0 (`<rss>`, or a bare `<channel>`) and, through rdf.ts, RSS 0.90/1.0. */
export function readRss(root: XmlElement, baseUrl: string | null): FeedDocument<XmlElement> {
  const channel = root.key === 'channel' ? root : (child(root, 'channel') ?? root);
  const link = channelLink(channel);
  const base = channel.base ?? absolute(link) ?? baseUrl;
  const feed = feedInfo(
    childText(channel, 'title', 'dc:title'),
    'auto',
    link,
    base,
    childText(channel, 'language', 'dc:language') ?? channel.lang,
  );
  // RSS 0.90 and 1.0 put items beside the channel; some RSS 2.0 feeds do the same by mistake.
  const items = [...channel.children, ...(channel === root ? [] : root.children)].filter((c) => c.key === 'item');
  const links = readLinkRelations(channel, absoluteLink(feed.url, null), channel.base ?? baseUrl);
  return { feed, cadence: readRssCadence(channel), links, base, items, readItem: (el) => readRssItem(el, base) };
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
  for (const c of el.children) {
    if (readExtension(c, item)) continue;
    if (c.key.startsWith('atom:')) {
      readAtomStandIn(c, item);
      continue;
    }
    switch (c.key) {
      case 'title':
      case 'dc:title':
        item.title ??= nonBlank(textOf(c));
        break;
      case 'link':
        item.link ??= nonBlank(textOf(c)) ?? attr(c, 'href');
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
  applyStandIns(item);
  // A permalink guid doubles as the link (RSS 2.0), but only when it is a web address.
  if (item.link === null && guidIsPermaLink && item.guid !== null && /^https?:\/\//i.test(item.guid)) {
    item.link = item.guid;
  }
  // RSS 2.0: the description "may contain entity-encoded HTML". When it does and the item has no
  // other content, it is the content; the summary is still its plain text.
  if (item.content === null && item.summary !== null && item.summaryType === 'auto' && containsHtml(item.summary)) {
    item.content = item.summary;
    item.contentType = 'html';
    item.summaryType = 'html';
  }
  item.language ??= el.attrs.get('xml:lang') ?? null;
  return item;
}

/** Atom elements inside an RSS item, read as the RSS fields they mean when the item lacks those. */
function readAtomStandIn(c: XmlElement, item: RawItem): void {
  const s = standInsOf(item);
  switch (c.local) {
    case 'title': {
      const t = s.title === null ? textConstruct(c) : null;
      if (t !== null) [s.title, s.titleType] = [t.value, t.type];
      break;
    }
    case 'summary': {
      const t = s.summary === null ? textConstruct(c) : null;
      if (t !== null) [s.summary, s.summaryType] = [t.value, t.type];
      break;
    }
    case 'content': {
      const t = s.content === null ? textConstruct(c) : null;
      if (t !== null) [s.content, s.contentType] = [t.value, t.type];
      break;
    }
    case 'id':
      s.guid ??= nonBlank(textOf(c));
      break;
    case 'link': {
      const rel = attr(c, 'rel')?.toLowerCase() ?? 'alternate';
      const href = attr(c, 'href');
      if (rel === 'alternate') s.link ??= href;
      if (rel === 'enclosure') {
        item.mediaUrl ??= href;
        if (isImage(attr(c, 'type'), href)) s.imageUrl ??= href;
      }
      break;
    }
    case 'author': {
      const name = authorNameOf(c);
      if (name !== null) s.authors.push(name);
      break;
    }
    case 'category':
      s.tags.push(attr(c, 'term') ?? textOf(c) ?? '');
      break;
    case 'published':
    case 'issued':
      s.published ??= nonBlank(textOf(c));
      break;
    case 'updated':
    case 'modified':
      s.updated ??= nonBlank(textOf(c));
      break;
  }
}

function absolute(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}
