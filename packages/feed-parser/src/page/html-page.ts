/**
 * One HTML article page. Each field is taken from the most deliberate source the page offers:
 * JSON-LD (written for machines) over Open Graph / `<meta>` (written for share cards) over the
 * visible markup (written for people, and full of navigation and teasers).
 */
import { toPlainSummary } from '../sanitize.ts';
import { DocumentError, type DateOrigin, type ParseOptions, type ParseResult } from '../types.ts';
import {
  absoluteHttpUrl,
  cleanLine,
  emptyArticle,
  escapeHtml,
  findDateline,
  normalizeText,
  readDate,
  setPublished,
  singleArticleResult,
  type PageDate,
} from './common.ts';
import { attr, parseDocument, selectAll, type DomDocument, type DomElement } from './dom.ts';
import { extractBody } from './html-body.ts';
import { readJsonLd } from './json-ld.ts';
import { normalizeLanguage, readMetaArticle } from './meta-tags.ts';

/** The detector looks at the start of the document only. */
const SNIFF_CHARS = 8 * 1024;
/**
 * Building the tree costs time superlinear in nesting depth; past this many tags a page is not
 * an article page a reader would load, and a stalled ingest worker would lose its job lock.
 */
const MAX_TAGS = 30_000;

export function parseHtmlPage(text: string, options: ParseOptions): ParseResult {
  const now = options.now ?? new Date();
  const warnings: string[] = [];
  const doc = parseDocument(boundedSource(text, warnings));
  const ld = readJsonLd(jsonLdBlocks(doc), warnings);
  const meta = readMetaArticle(doc);
  const main = mainElement(doc);
  const article = emptyArticle();

  const pageBase = documentBase(doc, options.baseUrl);
  article.url = absoluteHttpUrl(ld?.url, pageBase) ?? absoluteHttpUrl(meta.url, pageBase) ?? absoluteHttpUrl(meta.canonical, pageBase);
  // Relative links resolve against where the page lives (its <base>, or the address it was
  // fetched from); the canonical URL stands in when neither is known.
  const linkBase = pageBase ?? article.url;
  article.guid = cleanLine(ld?.identifier, 500);
  article.title = ld?.headline ?? meta.title ?? markupTitle(doc, main, meta.siteName ?? ld?.publisherName ?? null);
  article.author = ld?.author ?? meta.author ?? markupAuthor(main ?? doc);
  article.category = cleanLine(ld?.section ?? meta.section, 100);
  article.tags = ld && ld.keywords.length > 0 ? ld.keywords : meta.tags;
  article.language = normalizeLanguage(ld?.language) ?? meta.language ?? normalizeLanguage(attr(doc.documentElement, 'lang'));

  const image = pickImage(ld?.imageUrl ? ld : null, meta, main ?? doc, linkBase);
  article.imageUrl = image.url;
  article.imageCaption = image.caption;

  const published: Array<[string | null, DateOrigin]> = [
    [ld?.datePublished ?? null, 'page-metadata'],
    [meta.published, 'page-metadata'],
    [attr(itemprop(doc, 'datePublished'), 'datetime') ?? attr(itemprop(doc, 'datePublished'), 'content'), 'page-metadata'],
    [attr(main?.querySelector('time[datetime]'), 'datetime'), 'page-metadata'],
  ];
  for (const [raw, origin] of published) {
    const date = readDate(raw, article.warnings);
    if (date !== null) {
      setPublished(article, date, origin, now);
      break;
    }
  }
  if (article.publishedAt === null) setPublished(article, visibleTimeDate(main), 'page-text', now);
  const modified = ld?.dateModified ?? meta.modified ?? attr(itemprop(doc, 'dateModified'), 'datetime');
  article.updatedAt = readDate(modified, article.warnings)?.iso ?? null;

  const pageHeading = cleanLine(main?.querySelector('h1')?.textContent);
  // Last use of `doc`: the body extractor rewrites the tree.
  const body = extractBody(doc, ld?.articleBody ?? null, linkBase, [article.title, pageHeading]);
  article.contentHtml = body.html;
  const [first, ...others] = body.paragraphs;
  const dateline = first === undefined ? null : findDateline(first);
  article.dateline = cleanLine(ld?.dateline, 100) ?? dateline?.dateline ?? null;

  const description = ld?.description ?? meta.description;
  article.summary = description === null ? null : toPlainSummary(escapeHtml(description));
  if (article.summary === null && first !== undefined) {
    // As for plain-text pages, the summary starts after the dateline, which has its own field.
    const lead = dateline ? [dateline.rest, ...others] : body.paragraphs;
    article.summary = toPlainSummary(escapeHtml(lead.join(' ')));
  }

  const feed = {
    title: meta.siteName ?? ld?.publisherName ?? null,
    url: absoluteHttpUrl(ld?.publisherUrl, linkBase),
    language: article.language,
  };
  return singleArticleResult('html', article, feed, warnings);
}

/**
 * Markup that is an HTML document or fragment: a doctype, `<html>`, or a first element that
 * only HTML uses. XHTML's `<?xml …?>` prologue is skipped; feeds (`<rss>`, `<feed>`, `<rdf:RDF>`)
 * do not match.
 */
export function looksLikeHtmlPage(text: string): boolean {
  let head = text
    .slice(0, SNIFF_CHARS)
    .replace(/^\uFEFF/, '')
    .trimStart();
  for (let i = 0; i < 20; i++) {
    const prolog = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*/.exec(head);
    if (!prolog) break;
    head = head.slice(prolog[0].length);
  }
  return /^<(?:!doctype\s+html\b|(?:html|head|body|meta|title|link|base|style|script|noscript|article|main|header|nav|section|div|figure|h1|p)\b)/i.test(
    head,
  );
}

/**
 * The page, or when its markup is too large only its `<head>`, where the metadata lives; a
 * page whose head alone is too large is refused.
 */
function boundedSource(text: string, warnings: string[]): string {
  const source = normalizeText(text);
  if (source.trim() === '') throw new DocumentError('empty', 'the document holds no HTML');
  if (!hasMoreTags(source, MAX_TAGS)) return source;
  const headEnd = /<\/head\s{0,100}>/i.exec(source);
  const head = headEnd ? source.slice(0, headEnd.index + headEnd[0].length) : null;
  if (head === null || hasMoreTags(head, MAX_TAGS)) {
    throw new DocumentError('too-complex', `the page has more than ${MAX_TAGS} tags`);
  }
  warnings.push(`the page has more than ${MAX_TAGS} tags; only the metadata in its <head> was read`);
  return head;
}

/** Counts start tags (`<` then a letter) in one pass, stopping as soon as `limit` is passed. */
function hasMoreTags(source: string, limit: number): boolean {
  let count = 0;
  for (let i = source.indexOf('<'); i !== -1; i = source.indexOf('<', i + 1)) {
    const c = source.charCodeAt(i + 1) | 0x20;
    if (c >= 0x61 && c <= 0x7a && ++count > limit) return true;
  }
  return false;
}

function jsonLdBlocks(doc: DomDocument): string[] {
  return selectAll(doc, 'script[type]')
    .filter((s) => (attr(s, 'type') ?? '').toLowerCase().startsWith('application/ld+json'))
    .map((s) => s.textContent ?? '');
}

/** The element holding the story, for markup-level fallbacks that must not read the sidebar. */
function mainElement(doc: DomDocument): DomElement | null {
  return doc.querySelector('article') ?? doc.querySelector('[itemprop="articleBody"]') ?? doc.querySelector('main');
}

function documentBase(doc: DomDocument, baseUrl: string | undefined): string | null {
  const fetched = absoluteHttpUrl(baseUrl, null);
  return absoluteHttpUrl(attr(doc.querySelector('base[href]'), 'href'), fetched) ?? fetched;
}

function itemprop(doc: DomDocument, name: string): DomElement | null {
  return doc.querySelector(`[itemprop="${name}"]:not(meta)`);
}

function markupTitle(doc: DomDocument, main: DomElement | null, siteName: string | null): string | null {
  const heading = cleanLine(main?.querySelector('h1')?.textContent) ?? cleanLine(doc.querySelector('h1')?.textContent);
  if (heading !== null) return heading;
  const title = cleanLine(doc.querySelector('title')?.textContent);
  if (title === null) return null;
  // "Story | Site": the pipe is almost only used for site suffixes; other separators are cut
  // only when what follows them is the site's known name.
  const parts = title.split(/\s+(?:\||–|—|-|::)\s+/);
  const last = parts.at(-1);
  if (parts.length > 1 && (/\s\|\s/.test(title) || (siteName !== null && last === siteName))) {
    return cleanLine(title.slice(0, title.lastIndexOf(last ?? '')).replace(/\s+(?:\||–|—|-|::)\s*$/, ''));
  }
  return title;
}

function markupAuthor(root: DomDocument | DomElement): string | null {
  const element =
    root.querySelector('[itemprop="author"] [itemprop="name"]') ??
    root.querySelector('[itemprop="author"]') ??
    root.querySelector('a[rel~="author"]');
  return cleanLine(element?.textContent?.replace(/^\s*by\s+/i, ''), 300);
}

interface Image {
  url: string | null;
  caption: string | null;
}

function pickImage(
  ld: { imageUrl: string | null; imageCaption: string | null } | null,
  meta: { imageUrl: string | null; imageCaption: string | null },
  root: DomDocument | DomElement,
  base: string | null,
): Image {
  const fromLd = absoluteHttpUrl(ld?.imageUrl, base);
  if (fromLd !== null) return { url: fromLd, caption: ld?.imageCaption ?? meta.imageCaption };
  const fromMeta = absoluteHttpUrl(meta.imageUrl, base);
  if (fromMeta !== null) return { url: fromMeta, caption: meta.imageCaption };
  // Without metadata the story's first figure is its lead image; its caption belongs to it.
  for (const figure of selectAll(root, 'figure')) {
    const url = absoluteHttpUrl(attr(figure.querySelector('img[src]'), 'src'), base);
    if (url !== null) return { url, caption: cleanLine(figure.querySelector('figcaption')?.textContent) };
  }
  return { url: null, caption: null };
}

/** A `<time>` without `datetime` whose visible text is a full date (`January 13, 2025`). */
function visibleTimeDate(main: DomElement | null): PageDate | null {
  const text = cleanLine(main?.querySelector('time')?.textContent, 64);
  if (text === null) return null;
  const warnings: string[] = [];
  return readDate(text, warnings);
}
