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
import { checkOf, type DocumentCheck } from './document-check.ts';
import { breakageOf } from './unrecoverable.ts';
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
  const read = readDocument(bytes, options);
  return read.kind === 'page' ? read.result : collect(read, options);
}

/**
 * What accepting a document needs to know of it (DocumentCheck), for the cost of reading its
 * markup: a feed's items are counted, not read and normalised one by one, which is most of a
 * parse (every item's HTML sanitised). It refuses exactly what parseDocument refuses, since every
 * document-level error comes from reading the markup, and an item that fails later is only
 * rejected. The ingest worker parses the document in full.
 */
export function checkDocument(bytes: Uint8Array, options: ParseOptions = {}): DocumentCheck {
  const read = readDocument(bytes, options);
  if (read.kind === 'page') return checkOf(read.result);
  const items = read.doc.items.length;
  return { format: read.format, feedUrl: read.doc.feed.url, items, breakage: breakageOf(items, read.warnings) };
}

/** A feed read as far as its items, none of them read yet; or a page, which is one article read whole. */
type ReadDocument =
  | {
      kind: 'feed';
      format: DocumentFormat;
      doc: FeedDocument<unknown>;
      decoded: Decoded;
      /** The decoding's warnings, then the markup's. */
      warnings: string[];
      /** Items the document was cut off inside. */
      cut?: ReadonlySet<unknown> | undefined;
    }
  | { kind: 'page'; result: ParseResult };

function readDocument(bytes: Uint8Array, options: ParseOptions): ReadDocument {
  if (bytes.length === 0) throw new DocumentError('empty', 'the document is empty');
  const binary = sniffBinary(bytes);
  if (binary !== null) throw new DocumentError('unsupported-type', `the document is ${binary}, not a feed or an article`);
  const decoded = decode(bytes, options.contentType);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (!/\S/.test(text)) throw new DocumentError('empty', 'the document holds only whitespace');

  switch (sniffKind(text, options.contentType)) {
    case 'xml':
      return readXmlFeed(text, options, decoded);
    case 'json':
      return readJson(text, options, decoded);
    case 'html':
      return { kind: 'page', result: withDecoding(finishPage(parseHtmlPage(text, options), options), decoded) };
    case 'text':
      return { kind: 'page', result: withDecoding(finishPage(parsePlainTextPage(text, options), options), decoded) };
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

function readXmlFeed(text: string, options: ParseOptions, decoded: Decoded): ReadDocument {
  const baseUrl = options.baseUrl ?? null;
  const { root, warnings, unclosed } = parseXml(text, baseUrl);
  const [format, doc] = readFeedRoot(root, baseUrl);
  const cut = unclosed.length === 0 ? undefined : new Set<unknown>(unclosed);
  // Each reader's items are of its own kind, and only its own readItem is ever given them.
  return { kind: 'feed', format, doc: doc as FeedDocument<unknown>, decoded, warnings: [...decoded.warnings, ...warnings], cut };
}

function readFeedRoot(root: XmlElement, baseUrl: string | null): [DocumentFormat, FeedDocument<XmlElement>] {
  const atomish = root.key === root.local || root.key === `atom:${root.local}`;
  if (root.key === 'rss' || root.key === 'channel') return ['rss', readRss(root, baseUrl)];
  if (root.local === 'rdf') return ['rdf', readRdf(root, baseUrl)];
  if ((root.local === 'feed' || root.local === 'entry') && atomish) return ['atom', readAtom(root, baseUrl)];
  throw new DocumentError('unparseable', `<${root.qname}> is not the root element of a feed`);
}

function readJson(text: string, options: ParseOptions, decoded: Decoded): ReadDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new DocumentError('too-complex', 'JSON nested too deeply');
    throw new DocumentError('unparseable', `invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new DocumentError('unparseable', 'expected a JSON object');
  const baseUrl = options.baseUrl ?? null;
  const [format, doc] =
    get(value, 'articles') !== undefined
      ? (['native-json', readNativeJson(value, baseUrl)] as const)
      : (['json-feed', readJsonFeed(value, baseUrl)] as const);
  return { kind: 'feed', format, doc, decoded, warnings: [...decoded.warnings] };
}

/**
 * Normalises every item on its own, so one that cannot be read never sinks the others. An item
 * the document was cut off inside (`cut`) is rejected whole rather than stored half-written.
 */
function collect(read: Extract<ReadDocument, { kind: 'feed' }>, options: ParseOptions): ParseResult {
  const { format, doc, decoded, warnings, cut } = read;
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
    warnings,
    encoding: decoded.encoding,
    cadence: doc.cadence,
    links: doc.links,
  };
}
