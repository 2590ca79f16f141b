/**
 * A typed view of the few DOM operations the page reader needs. linkedom's own declarations
 * describe the browser DOM, which this package's `lib` deliberately leaves out, so they arrive
 * untyped; these interfaces put a checked surface over them.
 *
 * linkedom builds a tree and never runs scripts or fetches anything, which is what an ingest
 * service reading untrusted pages needs.
 */
import { parseHTML } from 'linkedom';

export interface DomElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly innerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
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

function withSkeleton(html: string): string {
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  const head = /<head(?:\s[^>]*)?>([\s\S]*?)<\/head\s*>/i.exec(html);
  let rest = head ? html.slice(0, head.index) + html.slice(head.index + head[0].length) : html;
  rest = rest.replace(/<!doctype[^>]*>/i, '').replace(/<\/?html(?:\s[^>]*)?>/gi, '');
  return `<!DOCTYPE html><html${htmlTag?.[1] ?? ''}><head>${head?.[1] ?? ''}</head><body>${rest}</body></html>`;
}
