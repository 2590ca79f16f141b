import { decodeHTML, escapeText } from 'entities';
import { createRequire } from 'node:module';
import type sanitizeHtmlLibrary from 'sanitize-html';
import { cleanLine, htmlToText, stripInvalidChars } from './text.ts';

// Loaded on first markup: plain-text items never need it, and it is the slowest module to load.
const require = createRequire(import.meta.url);
let sanitizeLibrary: typeof sanitizeHtmlLibrary | undefined;
const sanitize: typeof sanitizeHtmlLibrary = ((html: string, options?: sanitizeHtmlLibrary.IOptions) =>
  (sanitizeLibrary ??= require('sanitize-html') as typeof sanitizeHtmlLibrary)(html, options)) as typeof sanitizeHtmlLibrary;

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'wbr',
];

/** No `style`, no `class`/`id` (they hook into the host page's CSS and scripts), no `on*`. */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'hreflang'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  time: ['datetime'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
};

/**
 * Elements removed together with their content; everything else outside the allowlist is
 * unwrapped and keeps its text. `svg` and `math` go whole: their foreign-content parsing rules
 * are where mutation-XSS payloads hide.
 */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'applet',
  'frameset',
  'frame',
  'noembed',
  'noframes',
  'head',
  'title',
  'form',
];

/**
 * Sanitised HTML for storage and display. `data:` URLs are refused everywhere, images included:
 * the public contract promises none, and inline images bloat stored articles.
 */
export function sanitizeHtml(html: string, baseUrl?: string | null): string {
  // Text without a single tag cannot carry markup; escaping it is all sanitize-html would do.
  if (!html.includes('<')) return stripInvalidChars(escapeText(decodeHTML(html))).trim();
  const resolve =
    (tag: string, attr: string): sanitizeHtmlLibrary.Transformer =>
    (tagName, attribs) => {
      const value = attribs[attr];
      const out = { ...attribs };
      if (value !== undefined) {
        const url = resolveUrl(value, baseUrl);
        if (url === null) delete out[attr];
        else out[attr] = url;
      }
      return { tagName: tagName || tag, attribs: out };
    };
  const result = sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: true,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    parseStyleAttributes: false,
    transformTags: {
      a: resolve('a', 'href'),
      img: resolve('img', 'src'),
      blockquote: resolve('blockquote', 'cite'),
      q: resolve('q', 'cite'),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
  });
  return stripInvalidChars(result).trim();
}

/** Absolute URL against the base when one is known; the scheme check happens in sanitize-html. */
export function resolveUrl(value: string, baseUrl?: string | null): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  // Already absolute: kept as written (the scheme is judged by the caller).
  if (!baseUrl || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed)) return trimmed;
  try {
    return new URL(trimmed, baseUrl).href;
  } catch {
    return trimmed;
  }
}

/** Plain text: tags removed, entities decoded, whitespace collapsed. */
export function toPlainText(htmlOrText: string): string | null {
  return cleanLine(htmlToText(htmlOrText));
}

/**
 * A plain-text summary of at most `max` characters, cut at a word boundary with an ellipsis
 * when the text is longer.
 */
export function toPlainSummary(htmlOrText: string, max = 500): string | null {
  return truncatePlain(toPlainText(htmlOrText), max);
}

/** Already-plain text shortened the way `toPlainSummary` shortens it. */
export function truncatePlain(text: string | null, max = 500): string | null {
  if (text === null || text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // Text without spaces (Japanese, Chinese) is cut at the limit instead of at a word.
  if (space > max * 0.6) cut = cut.slice(0, space);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // Walked back a character at a time: an anchored `[…]+$` regex retries at every space of the cut.
  let end = cut.length;
  while (end > 0 && TRAILING_PUNCTUATION.test(cut[end - 1]!)) end--;
  return `${cut.slice(0, end)}…`;
}

/** Characters dropped before the ellipsis. */
const TRAILING_PUNCTUATION = /[\s,.;:!?、。-]/;
