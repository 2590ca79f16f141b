import type { FeedDocument } from './feed-document.ts';
import { absoluteLink, addHub, noCadence, noLinks } from './feed-hints.ts';
import { get, isObject, str, strings, type JsonObject } from './json-values.ts';
import { feedInfo } from './normalize.ts';
import { emptyRawItem, type RawItem } from './raw-item.ts';
import type { FeedLinks } from './types.ts';

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1); any JSON object is read as one. */
export function readJsonFeed(doc: JsonObject, baseUrl: string | null): FeedDocument<unknown> {
  const homePage = str(doc, 'home_page_url');
  const base = homePage !== null && /^https?:\/\//i.test(homePage) ? homePage : baseUrl;
  const feed = feedInfo(str(doc, 'title'), 'text', homePage, baseUrl, str(doc, 'language'));
  const items = get(doc, 'items');
  const feedAuthors = authorNames(doc);
  return {
    feed,
    cadence: noCadence(),
    links: jsonFeedLinks(doc, homePage, baseUrl),
    base,
    items: Array.isArray(items) ? items : [],
    readItem: (raw) => readJsonFeedItem(raw, base, feedAuthors),
  };
}

/** `home_page_url`, `feed_url` and `hubs: [{"type": "WebSub", "url"}]` (other hub types, such as rssCloud, are not WebSub). */
function jsonFeedLinks(doc: JsonObject, homePage: string | null, baseUrl: string | null): FeedLinks {
  const links = noLinks();
  links.siteUrl = absoluteLink(homePage, baseUrl);
  links.self = absoluteLink(str(doc, 'feed_url'), baseUrl);
  const hubs = get(doc, 'hubs');
  for (const hub of Array.isArray(hubs) ? hubs : []) {
    if (!isObject(hub)) continue;
    const type = str(hub, 'type');
    if (type !== null && !/^(?:websub|pubsubhubbub)$/i.test(type)) continue;
    addHub(links, absoluteLink(str(hub, 'url'), baseUrl));
  }
  return links;
}

function readJsonFeedItem(raw: unknown, base: string | null, feedAuthors: string[]): RawItem {
  if (!isObject(raw)) throw new Error('item is not a JSON object');
  const item = emptyRawItem(base);
  // JSON Feed says which strings are HTML (content_html) and which are text (everything else).
  item.plainType = 'text';
  const id = get(raw, 'id');
  // JSON Feed 1.1: an id given as a number is read as its string form.
  item.guid = typeof id === 'string' ? id : typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : null;
  item.link = str(raw, 'url');
  item.title = str(raw, 'title');
  item.titleType = 'text';
  item.summary = str(raw, 'summary');
  item.summaryType = 'text';
  const html = str(raw, 'content_html');
  item.content = html ?? str(raw, 'content_text');
  item.contentType = html !== null ? 'html' : 'text';
  const attachments = attachmentsOf(raw);
  item.imageUrl = str(raw, 'image') ?? str(raw, 'banner_image') ?? attachments.find((a) => a.image)?.url ?? null;
  item.mediaUrl = attachments[0]?.url ?? null;
  item.published = str(raw, 'date_published');
  item.updated = str(raw, 'date_modified');
  const authors = authorNames(raw);
  item.authors = authors.length > 0 ? authors : feedAuthors;
  item.tags = strings(get(raw, 'tags'));
  item.language = str(raw, 'language');
  return item;
}

/** `attachments: [{url, mime_type}]`: podcast audio, video, images. */
function attachmentsOf(obj: JsonObject): { url: string; image: boolean }[] {
  const list = get(obj, 'attachments');
  if (!Array.isArray(list)) return [];
  const out: { url: string; image: boolean }[] = [];
  for (const a of list) {
    if (!isObject(a)) continue;
    const url = str(a, 'url');
    if (url !== null) out.push({ url, image: str(a, 'mime_type')?.toLowerCase().startsWith('image/') ?? false });
  }
  return out;
}

/** `authors: [{name}]` (1.1) or `author: {name}` (1.0). */
function authorNames(obj: JsonObject): string[] {
  const list = get(obj, 'authors');
  const single = get(obj, 'author');
  const candidates = Array.isArray(list) ? list : single !== undefined ? [single] : [];
  const names: string[] = [];
  for (const a of candidates) {
    if (!isObject(a)) continue;
    const name = str(a, 'name');
    if (name !== null) names.push(name);
  }
  return names;
}
