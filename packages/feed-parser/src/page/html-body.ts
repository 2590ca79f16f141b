/**
 * The story text of an HTML page: what a reader view would show, without navigation, share
 * bars, comments or scripts.
 */
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';

// Loaded on first use, like linkedom (see dom.ts): feeds never need it.
const require = createRequire(import.meta.url);
let readability: typeof ReadabilityClass | undefined;
const loadReadability = () => (readability ??= (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability);
import { decodeHTML } from 'entities';
import { sanitizeHtml, toPlainText } from '../sanitize.ts';
import { paragraphsToHtml } from './common.ts';
import { selectAll, type DomDocument, type DomElement } from './dom.ts';

export interface PageBody {
  /** Sanitised HTML, or null when the page holds no readable text. */
  html: string | null;
  /**
   * Plain text of the body's opening paragraphs (enough for a summary), leaving out bylines,
   * captions and time stamps that sit between them; the first is where a dateline would be.
   */
  paragraphs: string[];
}

/**
 * On linkedom, Readability's cost grows with element count times siblings per parent (child
 * lists are rebuilt on every access), and it recurses once per level. Beyond these bounds,
 * which ordinary article pages stay well inside once their chrome is pruned, only the element
 * fallback runs. Readability's own `maxElemsToParse` cannot serve: it counts with
 * getElementsByTagName('*'), which linkedom answers with an empty list.
 */
const MAX_ELEMENTS = 5_000;
const MAX_CHILDREN = 500;
const MAX_DEPTH = 100;
/** Never story text, and Readability would drop them anyway; removing them first saves its time. */
const CHROME = 'script, style, noscript, template, svg, math, iframe, object, embed, nav, link, meta, select';
/** Below this much text a page is not taken to have a body in its markup. */
const MIN_BODY_CHARS = 25;

/**
 * Readability first; then the page's own `<article>` (or equivalent) element; then the
 * plain-text `articleBody` of its JSON-LD. The markup is preferred to `articleBody` because it
 * keeps paragraphs, links and figures, unless it is much shorter (a paywalled page that ships
 * the full text only as metadata).
 */
export function extractBody(
  doc: DomDocument,
  articleBody: string | null,
  baseUrl: string | null,
  titles: ReadonlyArray<string | null>,
): PageBody {
  // Serialised before Readability runs: Readability rewrites the tree it reads, and parsing the
  // page a second time just to give it a copy would double the cost of large pages.
  const element = articleElementHtml(doc);
  for (const chrome of selectAll(doc, CHROME)) chrome.remove();
  const markup = (withinBounds(doc) ? readabilityHtml(doc) : null) ?? element;
  const fromMarkup = markup === null ? null : dropLeadingTitle(sanitizeHtml(markup, baseUrl), titles);
  const markupText = fromMarkup === null ? '' : (toPlainText(fromMarkup) ?? '');
  const bodyText = articleBody === null ? '' : (toPlainText(articleBody) ?? '');

  let html: string | null = null;
  if (markupText.length >= MIN_BODY_CHARS && markupText.length * 2 >= bodyText.length) html = fromMarkup;
  else if (bodyText.length > 0) html = articleBodyHtml(articleBody ?? '', baseUrl);
  else if (markupText.length > 0) html = fromMarkup;
  return html === null || html === '' ? { html: null, paragraphs: [] } : { html, paragraphs: leadParagraphs(html) };
}

function withinBounds(doc: DomDocument): boolean {
  const elements = selectAll(doc, '*');
  if (elements.length > MAX_ELEMENTS) return false;
  // Document order visits parents before children, so one pass gives every depth.
  const depth = new Map<DomElement, number>();
  const children = new Map<DomElement, number>();
  for (const element of elements) {
    const parent = element.parentElement;
    const d = (parent ? (depth.get(parent) ?? 0) : 0) + 1;
    if (d > MAX_DEPTH) return false;
    depth.set(element, d);
    if (parent) {
      const count = (children.get(parent) ?? 0) + 1;
      if (count > MAX_CHILDREN) return false;
      children.set(parent, count);
    }
  }
  return true;
}

function readabilityHtml(doc: DomDocument): string | null {
  try {
    const result = new (loadReadability())(doc, {
      charThreshold: 250,
      disableJSONLD: true,
      keepClasses: false,
    }).parse();
    const content = result?.content;
    return typeof content === 'string' && (result?.textContent ?? '').trim() !== '' ? content : null;
  } catch {
    // Readability throws on trees it cannot score; the element fallback still applies.
    return null;
  }
}

const ARTICLE_SELECTORS = ['article', '[itemprop="articleBody"]', '[role="main"]', 'main'];

function articleElementHtml(doc: DomDocument): string | null {
  for (const selector of ARTICLE_SELECTORS) {
    const candidates = selectAll(doc, selector).slice(0, 50);
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
  if (/<\/?(?:p|br|div|a|em|strong|ul|ol|h[1-6])\b[^<>]{0,500}>/i.test(articleBody)) {
    return sanitizeHtml(articleBody, baseUrl) || null;
  }
  return paragraphsToHtml(decodeHTML(articleBody).split(/\n\s*\n|\r?\n/));
}

/**
 * The story's own headline at the top of its body would show twice next to the title field;
 * only a heading that opens the body and repeats a known title is removed.
 */
function dropLeadingTitle(html: string, titles: ReadonlyArray<string | null>): string {
  const heading = /<h[12]\b[^<>]{0,500}>([\s\S]*?)<\/h[12]>/i.exec(html.slice(0, 4000));
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
  for (const m of html.matchAll(/<p\b[^<>]{0,500}>([\s\S]*?)<\/p>/gi)) {
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
