import { decode, type Decoded } from './encoding.ts';
import type { FeedDocument } from './feed-document.ts';
import { readJsonFeed } from './json-feed.ts';
import { get, isObject } from './json-values.ts';
import { readNativeJson } from './native-json.ts';
import { finishPageArticle } from './finish-page.ts';
import { normalizeItem, type NormalizeContext } from './normalize.ts';
import { parseHtmlPage } from './page/html-page.ts';
import { parsePlainTextPage } from './page/plain-text-page.ts';
import { isBinaryContentType, sniffBinary, sniffKind } from './sniff.ts';
import {
  DocumentError,
  type DocumentFormat,
  type ParseOptions,
  type ParseResult,
  type ParsedArticle,
  type RejectedItem,
  TRUNCATED_ITEM_REASON,
} from './types.ts';
import { readAtom } from './xml/atom.ts';
import { readRdf } from './xml/rdf.ts';
import { readRss } from './xml/rss.ts';
import { parseXml, type XmlElement } from './xml/tree.ts';

export * from './types.ts';
export { formatIsoSecond, parseDate } from './dates.ts';
export { decode } from './encoding.ts';
export { itemPositions } from './item-positions.ts';
export { sanitizeHtml, toPlainSummary } from './sanitize.ts';
export { unrecoverableBreakage } from './unrecoverable.ts';
export { checkOf, type DocumentCheck } from './document-check.ts';

/**
 * Reads one posted document: RSS, RDF, Atom, JSON Feed, native JSON, an HTML article page or a
 * plain-text article. The body decides the format; the Content-Type is a hint. Throws
 * DocumentError when nothing can be read; a bad item only lands in `rejected`.
 */
export function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (bytes.length === 0) throw new DocumentError('empty', 'the document is empty');
  const binary = sniffBinary(bytes);
  if (binary !== null) throw new DocumentError('unsupported-type', `the document is ${binary}, not a feed or an article`);
  const decoded = decode(bytes, options.contentType);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (!/\S/.test(text)) throw new DocumentError('empty', 'the document holds only whitespace');

  switch (sniffKind(text, options.contentType)) {
    case 'xml':
      return parseXmlFeed(text, options, decoded);
    case 'json':
      return parseJson(text, options, decoded);
    case 'html':
      return withDecoding(finishPage(parseHtmlPage(text, options), options), decoded);
    case 'text':
      return withDecoding(finishPage(parsePlainTextPage(text, options), options), decoded);
    case null:
      if (isBinaryContentType(options.contentType)) {
        throw new DocumentError('unsupported-type', `cannot read a document of type ${options.contentType}`);
      }
      throw new DocumentError('unparseable', 'not a feed, JSON, HTML page or plain-text article');
  }
}

/** The rules every article obeys whatever its format (finish-page.ts), applied to a page's one article. */
function finishPage(result: ParseResult, options: ParseOptions): ParseResult {
  const ingestedAt = options.now ?? new Date();
  const articles: ParsedArticle[] = [];
  const rejected: RejectedItem[] = [...result.rejected];
  result.articles.forEach((article, index) => {
    const finished = finishPageArticle(article, ingestedAt);
    if (finished === null) rejected.push({ index, reason: 'the page holds no title, text, link or date' });
    else articles.push(finished);
  });
  return { ...result, articles, rejected };
}

function withDecoding(result: ParseResult, decoded: Decoded): ParseResult {
  return { ...result, encoding: decoded.encoding, warnings: [...decoded.warnings, ...result.warnings] };
}

function parseXmlFeed(text: string, options: ParseOptions, decoded: Decoded): ParseResult {
  const baseUrl = options.baseUrl ?? null;
  const { root, warnings, unclosed } = parseXml(text, baseUrl);
  const [format, doc] = readFeedRoot(root, baseUrl);
  const cut = unclosed.length === 0 ? undefined : new Set<unknown>(unclosed);
  return collect(format, doc, options, decoded, warnings, cut);
}

function readFeedRoot(root: XmlElement, baseUrl: string | null): [DocumentFormat, FeedDocument<XmlElement>] {
  const atomish = root.key === root.local || root.key === `atom:${root.local}`;
  if (root.key === 'rss' || root.key === 'channel') return ['rss', readRss(root, baseUrl)];
  if (root.local === 'rdf') return ['rdf', readRdf(root, baseUrl)];
  if ((root.local === 'feed' || root.local === 'entry') && atomish) return ['atom', readAtom(root, baseUrl)];
  throw new DocumentError('unparseable', `<${root.qname}> is not the root element of a feed`);
}

function parseJson(text: string, options: ParseOptions, decoded: Decoded): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new DocumentError('too-complex', 'JSON nested too deeply');
    throw new DocumentError('unparseable', `invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new DocumentError('unparseable', 'expected a JSON object');
  const baseUrl = options.baseUrl ?? null;
  if (get(value, 'articles') !== undefined) {
    return collect('native-json', readNativeJson(value, baseUrl), options, decoded, []);
  }
  return collect('json-feed', readJsonFeed(value, baseUrl), options, decoded, []);
}

/**
 * Normalises every item on its own, so one that cannot be read never sinks the others. An item
 * the document was cut off inside (`cut`) is rejected whole rather than stored half-written.
 */
function collect<T>(
  format: DocumentFormat,
  doc: FeedDocument<T>,
  options: ParseOptions,
  decoded: Decoded,
  warnings: string[],
  cut?: ReadonlySet<unknown>,
): ParseResult {
  const ctx: NormalizeContext = { ingestedAt: options.now ?? new Date(), feedLanguage: doc.feed.language };
  const articles: ParsedArticle[] = [];
  const rejected: RejectedItem[] = [];
  doc.items.forEach((item, index) => {
    if (cut?.has(item)) {
      rejected.push({ index, reason: TRUNCATED_ITEM_REASON });
      return;
    }
    try {
      articles.push(normalizeItem(doc.readItem(item), ctx));
    } catch (error) {
      if (error instanceof DocumentError) throw error;
      rejected.push({ index, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  return {
    format,
    feed: doc.feed,
    articles,
    rejected,
    warnings: [...decoded.warnings, ...warnings],
    encoding: decoded.encoding,
    cadence: doc.cadence,
    links: doc.links,
  };
}
