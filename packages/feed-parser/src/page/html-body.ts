/**
 * The story text of an HTML page: what a reader view would show, without navigation, share
 * bars, comments or scripts.
 */
import { Readability } from '@mozilla/readability';
import { decodeHTML } from 'entities';
import { sanitizeHtml, toPlainText } from '../sanitize.ts';
import { paragraphsToHtml } from './common.ts';
import { parseDocument, selectAll, type DomDocument } from './dom.ts';

export interface PageBody {
  /** Sanitised HTML, or null when the page holds no readable text. */
  html: string | null;
  /**
   * Plain text of the body's opening paragraphs (enough for a summary), leaving out bylines,
   * captions and time stamps that sit between them; the first is where a dateline would be.
   */
  paragraphs: string[];
}

/** Readability gives up (throws) beyond this many elements instead of stalling a worker. */
const MAX_ELEMENTS = 30_000;
/** Below this much text a page is not taken to have a body in its markup. */
const MIN_BODY_CHARS = 25;

/**
 * Readability first; then the page's own `<article>` (or equivalent) element; then the
 * plain-text `articleBody` of its JSON-LD. The markup is preferred to `articleBody` because it
 * keeps paragraphs, links and figures, unless it is much shorter (a paywalled page that ships
 * the full text only as metadata).
 */
export function extractBody(
  source: string,
  doc: DomDocument,
  articleBody: string | null,
  baseUrl: string | null,
  titles: ReadonlyArray<string | null>,
): PageBody {
  const markup = readabilityHtml(source) ?? articleElementHtml(doc);
  const fromMarkup = markup === null ? null : dropLeadingTitle(sanitizeHtml(markup, baseUrl), titles);
  const markupText = fromMarkup === null ? '' : (toPlainText(fromMarkup) ?? '');
  const bodyText = articleBody === null ? '' : (toPlainText(articleBody) ?? '');

  let html: string | null = null;
  if (markupText.length >= MIN_BODY_CHARS && markupText.length * 2 >= bodyText.length) html = fromMarkup;
  else if (bodyText.length > 0) html = articleBodyHtml(articleBody ?? '', baseUrl);
  else if (markupText.length > 0) html = fromMarkup;
  return html === null || html === '' ? { html: null, paragraphs: [] } : { html, paragraphs: leadParagraphs(html) };
}

function readabilityHtml(source: string): string | null {
  try {
    // Readability rewrites the tree it reads, so it gets a copy of its own.
    const copy = parseDocument(source);
    const result = new Readability(copy, {
      charThreshold: 250,
      maxElemsToParse: MAX_ELEMENTS,
      disableJSONLD: true,
      keepClasses: false,
    }).parse();
    const content = result?.content;
    return typeof content === 'string' && (result?.textContent ?? '').trim() !== '' ? content : null;
  } catch {
    // Readability throws on trees it cannot score (too large, unusual structure); the
    // element-based fallback below still applies.
    return null;
  }
}

const ARTICLE_SELECTORS = ['article', '[itemprop="articleBody"]', '[role="main"]', 'main'];

function articleElementHtml(doc: DomDocument): string | null {
  for (const selector of ARTICLE_SELECTORS) {
    const candidates = selectAll(doc, selector);
    // Listing pages nest teaser <article>s; the one with the most text is the story.
    let best: string | null = null;
    let bestLength = 0;
    for (const element of candidates) {
      const length = (element.textContent ?? '').trim().length;
      if (length > bestLength) {
        best = element.innerHTML;
        bestLength = length;
      }
    }
    if (best !== null) return best;
  }
  return null;
}

/** `articleBody` is meant to be text; some CMSs put HTML in it, which is sanitised instead. */
function articleBodyHtml(articleBody: string, baseUrl: string | null): string | null {
  if (/<\/?(?:p|br|div|a|em|strong|ul|ol|h[1-6])\b[^>]*>/i.test(articleBody)) {
    return sanitizeHtml(articleBody, baseUrl) || null;
  }
  return paragraphsToHtml(decodeHTML(articleBody).split(/\n\s*\n|\r?\n/));
}

/**
 * The story's own headline at the top of its body would show twice next to the title field;
 * only a heading that opens the body and repeats a known title is removed.
 */
function dropLeadingTitle(html: string, titles: ReadonlyArray<string | null>): string {
  const heading = /<h[12]\b[^>]*>([\s\S]*?)<\/h[12]>/i.exec(html.slice(0, 4000));
  if (!heading || toPlainText(html.slice(0, heading.index)) !== null) return html;
  const text = toPlainText(heading[1] ?? '')?.toLowerCase();
  const known = titles.map((t) => t?.toLowerCase());
  return text !== undefined && known.includes(text) ? html.slice(0, heading.index) + html.slice(heading.index + heading[0].length) : html;
}

/** Enough opening paragraph text for a ~500-character summary. */
const LEAD_CHARS = 1000;

function leadParagraphs(html: string): string[] {
  const out: string[] = [];
  let length = 0;
  for (const m of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
    const text = toPlainText(m[1] ?? '');
    if (text === null) continue;
    out.push(text);
    length += text.length;
    if (length >= LEAD_CHARS) break;
  }
  if (out.length > 0) return out;
  const text = toPlainText(html);
  return text === null ? [] : [text];
}
