import { parseDate } from './dates.ts';
import type { FeedDocument } from './feed-document.ts';
import { noCadence, noLinks } from './feed-hints.ts';
import { get, isObject, type JsonObject } from './json-values.ts';
import { articleUrl } from './normalize.ts';
import { emptyRawItem, type RawItem } from './raw-item.ts';
import { DocumentError } from './types.ts';

export const MAX_NATIVE_ARTICLES = 1000;

const STRING_FIELDS = [
  'guid',
  'url',
  'title',
  'summary',
  'contentHtml',
  'author',
  'category',
  'dateline',
  'imageUrl',
  'imageCaption',
  'language',
] as const;
type StringField = (typeof STRING_FIELDS)[number];

/**
 * `{"articles": [...]}` as `POST /v1/articles` takes it. The publisher controls this format, so
 * each item is checked strictly and a bad one is rejected with a reason; values are copied
 * field by field into fresh objects, never merged.
 */
export function readNativeJson(doc: JsonObject, baseUrl: string | null): FeedDocument<unknown> {
  const articles = get(doc, 'articles');
  if (!Array.isArray(articles)) throw new DocumentError('unparseable', '"articles" must be an array');
  if (articles.length > MAX_NATIVE_ARTICLES) {
    throw new DocumentError('too-complex', `at most ${MAX_NATIVE_ARTICLES} articles per document, got ${articles.length}`);
  }
  return {
    feed: { title: null, url: null, language: null },
    cadence: noCadence(),
    links: noLinks(),
    base: baseUrl,
    items: articles,
    readItem: (raw) => readNativeItem(raw, baseUrl),
  };
}

function readNativeItem(raw: unknown, base: string | null): RawItem {
  if (!isObject(raw)) throw new Error('article is not a JSON object');
  const s = new Map<StringField, string | null>();
  for (const field of STRING_FIELDS) {
    const v = get(raw, field);
    if (v !== undefined && v !== null && typeof v !== 'string') throw new Error(`${field} must be a string`);
    s.set(field, typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  }
  const title = s.get('title') ?? null;
  if (title === null) throw new Error('title is required');
  for (const field of ['url', 'imageUrl'] as const) {
    const v = s.get(field) ?? null;
    if (v !== null && articleUrl(v, base) === null) throw new Error(`${field} must be an http(s) URL`);
  }
  const tags = get(raw, 'tags');
  if (tags !== undefined && tags !== null && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    throw new Error('tags must be an array of strings');
  }
  const item = emptyRawItem(base);
  // Names, categories and tags are text; a summary or caption may still carry markup to remove.
  item.plainType = 'text';
  item.guid = s.get('guid') ?? null;
  item.link = s.get('url') ?? null;
  item.title = title;
  item.titleType = 'text';
  item.summary = s.get('summary') ?? null;
  item.content = s.get('contentHtml') ?? null;
  item.authors = [s.get('author') ?? ''];
  item.category = s.get('category') ?? null;
  item.tags = Array.isArray(tags) ? [...(tags as string[])] : [];
  item.dateline = s.get('dateline') ?? null;
  item.imageUrl = s.get('imageUrl') ?? null;
  item.imageCaption = s.get('imageCaption') ?? null;
  item.language = s.get('language') ?? null;
  item.published = readDateField(raw, 'publishedAt');
  item.updated = readDateField(raw, 'updatedAt');
  return item;
}

function readDateField(raw: JsonObject, field: string): string | number | null {
  const v = get(raw, field);
  if (v === undefined || v === null || v === '') return null;
  if ((typeof v !== 'string' && typeof v !== 'number') || parseDate(v) === null) {
    throw new Error(`${field} is not a readable date`);
  }
  return v;
}
