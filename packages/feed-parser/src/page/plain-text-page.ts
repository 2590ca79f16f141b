/**
 * One article page saved as plain text, as news sites' "print" or copy-paste views look
 * (fixtures/japan-news-article.txt):
 *
 *   Title
 *   (blank)
 *   Photo caption — zero or more lines
 *   18:42 JST, January 13, 2025
 *   SEOUL — First paragraph …
 *   More paragraphs, one per line or separated by blank lines
 *   "Politics" POPULAR ARTICLE      ← boxes of other headlines, kept out of the body
 *   -
 *   Headline
 *   JN ACCESS RANKING
 *   …
 *
 * Such a page has no guid or URL; the service knows the story by source, title and time.
 */
import { inferTimeZone } from '@newsrank/core';
import { toPlainSummary } from '../sanitize.ts';
import { DocumentError, type ParseOptions, type ParseResult } from '../types.ts';
import {
  cleanLine,
  emptyArticle,
  findDateline,
  normalizeText,
  paragraphsToHtml,
  readDate,
  setPublished,
  singleArticleResult,
} from './common.ts';
import { isProseLine, isSeparator, readBoxHeader, readByline, readDateLine, skipBox } from './text-lines.ts';

/** How many non-empty lines after the title may hold the caption, by-line and date line. */
const HEADER_WINDOW = 5;
/** Lines at most this long that do not end a sentence are taken as hard-wrapped prose. */
const WRAP_WIDTH = 100;
/** A ~500-character summary never needs more of the body than this. */
const LEAD_PARAGRAPHS = 20;
/** The detector looks at the start of the document only. */
const SNIFF_CHARS = 64 * 1024;

export function parsePlainTextPage(text: string, options: ParseOptions): ParseResult {
  const lines = normalizeText(text).split('\n').map(trimLine);
  const titleIndex = lines.findIndex((l) => l !== '');
  if (titleIndex === -1) throw new DocumentError('empty', 'the document holds no text');
  const now = options.now ?? new Date();
  const article = emptyArticle();
  article.title = cleanLine(lines[titleIndex]);

  const header = readHeader(lines, titleIndex + 1);
  const captionLines: string[] = [];
  for (const line of header.between) {
    const byline = readByline(line);
    if (byline !== null && article.author === null) article.author = cleanLine(byline, 200);
    else captionLines.push(line);
  }
  article.imageCaption = cleanLine(captionLines.join(' '));

  const body = readBody(lines, header.bodyStart);
  article.category = body.category;
  article.contentHtml = paragraphsToHtml(body.paragraphs);
  const [first, ...others] = body.paragraphs.slice(0, LEAD_PARAGRAPHS);
  if (first !== undefined) {
    const dateline = findDateline(first);
    article.dateline = dateline?.dateline ?? null;
    // The dateline is copied, not cut: contentHtml keeps the paragraph exactly as published
    // ("SEOUL — Foreign Minister …"), while the summary, shown next to the separate dateline
    // field, starts at the first word of the story.
    const lead = dateline ? [dateline.rest, ...others] : [first, ...others];
    article.summary = toPlainSummary(paragraphsToHtml(lead) ?? '');
  }
  if (header.date) {
    // A page that prints `18:42, January 13, 2025` under a TOKYO dateline means 18:42 in Tokyo:
    // read as UTC, the story would be stored nine hours late. The reader page infers the zone
    // from the same evidence, so it prints the time back as the page printed it.
    const zone = inferTimeZone({ dateline: article.dateline, language: null, url: options.baseUrl ?? null })?.timeZone;
    setPublished(article, readDate(header.date.published, article.warnings, zone), 'page-text', now);
    article.updatedAt = readDate(header.date.updated, article.warnings, zone)?.iso ?? null;
  }
  return singleArticleResult('text', article, { title: null, url: null, language: null }, []);
}

/**
 * Plain text (not markup, not JSON) whose start reads like an article: a title followed by a
 * date line within a few lines, or by paragraphs of prose.
 */
export function looksLikePlainTextArticle(text: string): boolean {
  const head = normalizeText(text.slice(0, SNIFF_CHARS));
  const start = head.trimStart();
  if (start === '' || /^[<{[]/.test(start)) return false;
  // Control characters mean binary data; a few U+FFFD only mean a mis-declared charset.
  if (/[\x01-\x08\x0E-\x1A\x1C-\x1F]/.test(start)) return false;
  if ((start.match(/\uFFFD/g)?.length ?? 0) > start.length / 100) return false;
  if (/<(?:!doctype|html|head|body|rss|feed|rdf:RDF|\?xml)[\s>]/i.test(start.slice(0, 4096))) return false;
  const lines = start
    .split('\n')
    .map(trimLine)
    .filter((l) => l !== '')
    .slice(0, 60);
  const title = lines[0];
  if (title === undefined || lines.length < 2 || title.length > 300) return false;
  if (lines.slice(1, 1 + HEADER_WINDOW).some((l) => readDateLine(l) !== null)) return true;
  return lines.slice(1).filter(isProseLine).length >= 2;
}

/** `trim` covers the ideographic space too, and unlike a `\s+$` regex stays linear on long lines. */
function trimLine(line: string): string {
  return line.trim();
}

interface Header {
  /** Non-empty lines between the title and the date line: caption and by-line. */
  between: string[];
  date: { published: string; updated: string | null } | null;
  bodyStart: number;
}

/**
 * Looks for the date line just below the title. Without one, caption and body cannot be told
 * apart, so everything after the title is body.
 */
function readHeader(lines: readonly string[], from: number): Header {
  const between: string[] = [];
  let seen = 0;
  for (let i = from; i < lines.length && seen < HEADER_WINDOW; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    seen++;
    const date = readDateLine(line);
    if (date) return { between, date, bodyStart: i + 1 };
    if (findDateline(line) !== null || readBoxHeader(line) !== null) break;
    between.push(line);
  }
  return { between: [], date: null, bodyStart: from };
}

interface Body {
  paragraphs: string[];
  category: string | null;
}

function readBody(lines: readonly string[], from: number): Body {
  const blocks: string[][] = [];
  let block: string[] = [];
  let category: string | null = null;
  const endBlock = (): void => {
    if (block.length > 0) blocks.push(block);
    block = [];
  };
  let i = from;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const box = line === '' ? null : readBoxHeader(line);
    if (box) {
      endBlock();
      category ??= box.category;
      i = skipBox(lines, i);
      continue;
    }
    if (line === '' || isSeparator(line)) endBlock();
    else block.push(line);
    i++;
  }
  endBlock();
  return { paragraphs: blocks.flatMap(blockParagraphs), category: cleanLine(category, 100) };
}

/**
 * A block is either one paragraph per line (the fixture's layout) or one paragraph
 * hard-wrapped over several short lines, which are joined back together.
 */
function blockParagraphs(block: string[]): string[] {
  if (block.length < 2) return block;
  const inner = block.slice(0, -1);
  const wrapped = inner.every((l) => l.length >= 30 && l.length <= WRAP_WIDTH) && inner.some((l) => !/[.!?。！？"”’:]$/.test(l));
  return wrapped ? [block.join(' ')] : block;
}
