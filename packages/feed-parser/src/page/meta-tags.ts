/**
 * Open Graph, `article:*`, Twitter card, Dublin Core and plain `<meta name>` data of a page.
 */
import { decodeHTML } from 'entities';
import { cleanLine, uniqueStrings } from './common.ts';
import { attr, selectAll, type DomDocument } from './dom.ts';

export interface MetaArticle {
  title: string | null;
  description: string | null;
  url: string | null;
  imageUrl: string | null;
  imageCaption: string | null;
  published: string | null;
  modified: string | null;
  section: string | null;
  tags: string[];
  author: string | null;
  language: string | null;
  siteName: string | null;
  canonical: string | null;
}

/** Meta values keyed by lower-cased `property`, `name` or `itemprop`, in document order. */
type MetaMap = ReadonlyMap<string, readonly string[]>;

export function readMetaArticle(doc: DomDocument): MetaArticle {
  const meta = collect(doc);
  const first = (...keys: string[]): string | null => {
    for (const key of keys) {
      for (const value of meta.get(key) ?? []) {
        const text = cleanLine(decodeHTML(value));
        if (text !== null) return text;
      }
    }
    return null;
  };
  const every = (...keys: string[]): string[] => keys.flatMap((k) => meta.get(k) ?? []);

  // article:author is specified as a profile URL; only a name is useful as a by-line.
  const authorTag = every('article:author', 'og:article:author').find((a) => !/^https?:\/\//i.test(a.trim()));
  const tagValues = every('article:tag', 'og:article:tag');
  const keywordValues = tagValues.length > 0 ? tagValues : every('news_keywords', 'keywords');

  return {
    title: first('og:title', 'twitter:title', 'dc.title', 'dcterms.title'),
    description: first('og:description', 'description', 'twitter:description', 'dc.description'),
    url: first('og:url'),
    imageUrl: first('og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src'),
    imageCaption: first('og:image:alt', 'twitter:image:alt'),
    published: first(
      'article:published_time',
      'og:article:published_time',
      'datepublished',
      'article.published',
      'pubdate',
      'publishdate',
      'publish-date',
      'dc.date.issued',
      'dcterms.issued',
      'dc.date',
      'dcterms.created',
      'parsely-pub-date',
      'sailthru.date',
      'date',
    ),
    modified: first('article:modified_time', 'og:article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified'),
    section: first('article:section', 'og:article:section'),
    tags: uniqueStrings(keywordValues.flatMap((v) => decodeHTML(v).split(/[,，、]/))),
    author: first('author', 'dc.creator', 'parsely-author', 'sailthru.author') ?? cleanLine(authorTag, 300),
    language: normalizeLanguage(first('og:locale', 'http-equiv:content-language', 'language', 'dc.language')),
    siteName: first('og:site_name', 'application-name'),
    canonical: canonicalLink(doc),
  };
}

function collect(doc: DomDocument): MetaMap {
  const map = new Map<string, string[]>();
  const add = (key: string | null, value: string | null): void => {
    if (key === null || value === null) return;
    const k = key.toLowerCase();
    const list = map.get(k);
    if (list) list.push(value);
    else map.set(k, [value]);
  };
  for (const element of selectAll(doc, 'meta')) {
    const value = attr(element, 'content');
    add(attr(element, 'property'), value);
    add(attr(element, 'name'), value);
    add(attr(element, 'itemprop'), value);
    const equiv = attr(element, 'http-equiv');
    if (equiv !== null) add(`http-equiv:${equiv}`, value);
  }
  return map;
}

function canonicalLink(doc: DomDocument): string | null {
  for (const link of selectAll(doc, 'link[rel][href]')) {
    const rel = (attr(link, 'rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) return attr(link, 'href');
  }
  return null;
}

/**
 * A BCP 47 tag (`en`, `en-US`, `ja`), from `og:locale`'s `en_US` form too; anything else
 * (`English`, `*`) is dropped rather than stored as a language.
 */
export function normalizeLanguage(raw: string | null | undefined): string | null {
  const text = raw
    ?.trim()
    .split(/[\s,;]/)[0]
    ?.replace(/_/g, '-');
  if (!text || !/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(text)) return null;
  const [primary, ...rest] = text.split('-');
  return [primary!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}
