import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A file the reader page or a publisher's page loads, built once at start. */
export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Changes with the content: appended as `?v=` so a year of caching is safe. */
  version: string;
}

const source = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

function asset(text: string, contentType: string): Asset {
  const body = Buffer.from(text, 'utf8');
  const version = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { body, contentType, etag: `"${version}"`, version };
}

/**
 * The browser scripts are plain scripts sharing functions (list-render.js draws lists for both
 * the page and the widget). Each bundle joins its parts inside one function, so nothing leaks
 * into the global scope of the page that runs it, and needs no build step.
 */
function bundle(parts: string[], prologue = ''): string {
  return `(() => {\n'use strict';\n${prologue}${parts.map(source).join('\n')}\n})();\n`;
}

const SHARED = ['list-render.js', 'live-lists.js', 'view-beacon.js'];

export const PAGE_ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['newsrank.css', asset(source('newsrank.css'), 'text/css; charset=utf-8')],
  ['newsrank.js', asset(bundle([...SHARED, 'tabs.js', 'opml-file.js', 'dashboard.js', 'page.js']), 'text/javascript; charset=utf-8')],
]);

export const WIDGET_SCRIPT: Asset = asset(
  bundle([...SHARED, 'widget.js'], `const WIDGET_CSS = ${JSON.stringify(source('widget.css'))};\n`),
  'text/javascript; charset=utf-8',
);

/** `/assets/newsrank.css?v=…`: the address pages link, naming this exact content. */
export function assetUrl(name: string): string {
  const found = PAGE_ASSETS.get(name);
  if (!found) throw new Error(`no page asset ${name}`);
  return `/assets/${name}?v=${found.version}`;
}
