/**
 * A typed view of the few DOM operations the page reader needs. linkedom's own declarations
 * describe the browser DOM, which this package's `lib` deliberately leaves out, so they arrive
 * untyped; these interfaces put a checked surface over them.
 *
 * linkedom builds a tree and never runs scripts or fetches anything, which is what an ingest
 * service reading untrusted pages needs.
 */
import { createRequire } from 'node:module';

// Loaded on first use: only HTML pages need a DOM, and loading linkedom costs more than parsing
// a whole RSS feed, which every `newsrank parse` of a feed would otherwise pay at start-up.
const require = createRequire(import.meta.url);
let linkedom: typeof import('linkedom') | undefined;
const parseHTML = (html: string) => (linkedom ??= require('linkedom') as typeof import('linkedom')).parseHTML(html);

export interface DomElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly innerHTML: string;
  readonly parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/**
 * linkedom does not synthesise the `<html>`/`<head>`/`<body>` skeleton an HTML5 parser would,
 * and Readability fails on a tree without a real `<body>`; pages that omit those tags (legal
 * HTML) are rebuilt into the full skeleton first.
 */
export function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(hasBody(html) ? html : withSkeleton(html)) as { document: DomDocument };
  return document;
}

export function selectAll(root: DomDocument | DomElement, selector: string): DomElement[] {
  return Array.from(root.querySelectorAll(selector));
}

/** The element's attribute, trimmed, or null when missing or blank. */
export function attr(element: DomElement | null | undefined, name: string): string | null {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : null;
}

function hasBody(html: string): boolean {
  return /<body[\s>]/i.test(html);
}

/**
 * Attribute runs are bounded and the head is found in two searches, not one lazy match: a body
 * full of unclosed `<html` or `<head` tags must not cost quadratic time.
 */
function withSkeleton(html: string): string {
  const htmlTag = /<html(\s[^<>]{0,2000})?>/i.exec(html);
  let head = '';
  let rest = html;
  const open = /<head(?:\s[^<>]{0,2000})?>/i.exec(html);
  const close = /<\/head\s{0,100}>/gi;
  close.lastIndex = open ? open.index : 0;
  const end = open ? close.exec(html) : null;
  if (open && end) {
    head = html.slice(open.index + open[0].length, end.index);
    rest = html.slice(0, open.index) + html.slice(end.index + end[0].length);
  }
  rest = rest.replace(/<!doctype[^<>]{0,2000}>/i, '').replace(/<\/?html(?:\s[^<>]{0,2000})?>/gi, '');
  return `<!DOCTYPE html><html${htmlTag?.[1] ?? ''}><head>${head}</head><body>${rest}</body></html>`;
}
