/**
 * schema.org article data from `<script type="application/ld+json">` blocks.
 *
 * The parsed JSON is untrusted data: it is only read, through own properties, and never merged
 * or assigned into other objects, so keys such as `__proto__` or `constructor` stay inert.
 * `@id` references (as WordPress/Yoast graphs use for author and image) are resolved through a
 * Map, not a plain object, for the same reason.
 */
import { decodeHTML } from 'entities';
import { cleanLine, uniqueStrings } from './common.ts';

export interface JsonLdArticle {
  headline: string | null;
  description: string | null;
  articleBody: string | null;
  author: string | null;
  datePublished: string | null;
  dateModified: string | null;
  imageUrl: string | null;
  imageCaption: string | null;
  section: string | null;
  keywords: string[];
  language: string | null;
  url: string | null;
  identifier: string | null;
  dateline: string | null;
  publisherName: string | null;
  publisherUrl: string | null;
}

type JsonObject = Readonly<Record<string, unknown>>;

/** Bounds the walk through a hostile or enormous graph. */
const MAX_NODES = 20_000;

const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
  'BackgroundNewsArticle',
  'AskPublicNewsArticle',
  'SatiricalArticle',
  'BlogPosting',
  'LiveBlogPosting',
  'SocialMediaPosting',
  'DiscussionForumPosting',
  'Report',
  'TechArticle',
  'ScholarlyArticle',
  'AdvertiserContentArticle',
]);

/**
 * The first article-typed object across the given script bodies, or null. A block that is not
 * JSON adds a warning and is skipped; the page can still be read from its other metadata.
 */
export function readJsonLd(blocks: readonly string[], warnings: string[]): JsonLdArticle | null {
  const roots: unknown[] = [];
  blocks.forEach((block, index) => {
    const json = unwrapScript(block);
    if (json === '') return;
    try {
      roots.push(JSON.parse(json));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warnings.push(`JSON-LD block ${index + 1} is not valid JSON and was ignored: ${reason.slice(0, 120)}`);
    }
  });
  const { articles, ids } = walk(roots);
  const chosen = articles.find((a) => firstText(own(a, 'headline')) !== null) ?? articles[0];
  return chosen ? toArticle(chosen, ids) : null;
}

/** Script bodies are sometimes wrapped in HTML comments or CDATA markers by old CMSs. */
function unwrapScript(text: string): string {
  return text
    .trim()
    .replace(/^(?:\/\/\s*)?(?:<!--|<!\[CDATA\[)/, '')
    .replace(/(?:\/\/\s*)?(?:-->|\]\]>)$/, '')
    .trim();
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function walk(roots: unknown[]): { articles: JsonObject[]; ids: Map<string, JsonObject> } {
  const articles: JsonObject[] = [];
  const ids = new Map<string, JsonObject>();
  const queue: unknown[] = [...roots];
  let seen = 0;
  for (let i = 0; i < queue.length && seen < MAX_NODES; i++) {
    const node = queue[i];
    if (Array.isArray(node)) {
      queue.push(...node.slice(0, MAX_NODES));
      continue;
    }
    if (!isObject(node)) continue;
    seen++;
    const id = own(node, '@id');
    if (typeof id === 'string' && Object.keys(node).length > 1 && !ids.has(id)) ids.set(id, node);
    if (typesOf(node).some((t) => ARTICLE_TYPES.has(t))) articles.push(node);
    for (const key of Object.keys(node)) queue.push(node[key]);
  }
  return { articles, ids };
}

/** `@type` as bare names: `schema:NewsArticle` and `https://schema.org/NewsArticle` both give NewsArticle. */
function typesOf(node: JsonObject): string[] {
  const raw = own(node, '@type');
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

function toArticle(node: JsonObject, ids: Map<string, JsonObject>): JsonLdArticle {
  const deref = (value: unknown): unknown => {
    if (!isObject(value)) return value;
    const id = own(value, '@id');
    return typeof id === 'string' && Object.keys(value).length === 1 ? (ids.get(id) ?? value) : value;
  };
  const get = (key: string): unknown => deref(own(node, key));
  const image = readImage(get('image') ?? get('thumbnailUrl'), deref);
  const publisher = deref(get('publisher'));
  return {
    headline: firstText(get('headline')) ?? firstText(get('name')),
    description: firstText(get('description')),
    articleBody: typeof get('articleBody') === 'string' ? (get('articleBody') as string) : null,
    author: readPeople(get('author') ?? get('creator'), deref),
    datePublished: firstText(get('datePublished')) ?? firstText(get('dateCreated')),
    dateModified: firstText(get('dateModified')),
    imageUrl: image.url,
    imageCaption: image.caption,
    section: firstText(get('articleSection')),
    keywords: readKeywords(get('keywords')),
    language: firstText(get('inLanguage'), 'alternateName'),
    url: firstText(get('url')) ?? idOrUrl(get('mainEntityOfPage')),
    identifier: firstText(get('identifier'), 'value'),
    dateline: firstText(get('dateline')),
    publisherName: isObject(publisher) ? firstText(own(publisher, 'name')) : null,
    publisherUrl: isObject(publisher) ? firstText(own(publisher, 'url')) : null,
  };
}

/** Text of a string, number, `{name}`-like object or the first usable array entry. */
function firstText(value: unknown, objectKey = 'name'): string | null {
  if (typeof value === 'string') return cleanLine(decodeHTML(value));
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    for (const entry of value.slice(0, 50)) {
      const text = firstText(entry, objectKey);
      if (text !== null) return text;
    }
    return null;
  }
  if (isObject(value)) {
    const named = own(value, objectKey);
    if (typeof named === 'string' || typeof named === 'number') return firstText(named);
    const literal = own(value, '@value');
    return typeof literal === 'string' ? firstText(literal) : null;
  }
  return null;
}

function idOrUrl(value: unknown): string | null {
  if (typeof value === 'string') return cleanLine(value);
  if (!isObject(value)) return null;
  return firstText(own(value, '@id')) ?? firstText(own(value, 'url'));
}

function readPeople(value: unknown, deref: (v: unknown) => unknown): string | null {
  const list = (Array.isArray(value) ? value.slice(0, 20) : [value]).map(deref);
  const names = list.map((p) => firstText(p)?.replace(/^by\s+/i, '') ?? '');
  const unique = uniqueStrings(names, 20);
  return unique.length === 0 ? null : cleanLine(unique.join(', '), 300);
}

function readImage(value: unknown, deref: (v: unknown) => unknown): { url: string | null; caption: string | null } {
  const list = (Array.isArray(value) ? value.slice(0, 20) : [value]).map(deref);
  for (const entry of list) {
    if (typeof entry === 'string' && cleanLine(entry) !== null) return { url: cleanLine(entry), caption: null };
    if (!isObject(entry)) continue;
    const url = firstText(own(entry, 'url')) ?? firstText(own(entry, 'contentUrl'));
    if (url !== null) {
      return { url, caption: firstText(own(entry, 'caption'), 'text') ?? firstText(own(entry, 'description')) };
    }
  }
  return { url: null, caption: null };
}

/** `keywords` is either one comma-separated string or a list of terms. */
function readKeywords(value: unknown): string[] {
  const terms = Array.isArray(value) ? value.slice(0, 100) : [value];
  const words = terms.flatMap((t) => {
    const text = firstText(t);
    return text === null ? [] : text.split(/[,，、]/);
  });
  return uniqueStrings(words);
}
