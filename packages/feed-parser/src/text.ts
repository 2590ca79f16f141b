import { decodeHTML } from 'entities';

/**
 * C0 controls other than tab/newline, lone surrogates and non-characters: PostgreSQL text
 * refuses U+0000, and none of them carries meaning in an article.
 */
const INVALID_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cheap first look: most strings hold nothing to remove. */
const ANY_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Either what ANY_INVALID finds or a Latin-1 range character that may be mojibake or a C1 control. */
const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u00FF\uD800-\uDFFF\uFFFE\uFFFF]/;

/** windows-1252 characters for 0x80–0x9F; '' where that code page leaves the byte undefined. */
const CP1252_C1 = [
  '€',
  '',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '',
  'Ž',
  '',
  '',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '',
  'ž',
  'Ÿ',
];

/**
 * UTF-8 that was decoded as Latin-1 somewhere upstream ("â\u0080¦" for "…"): a lead character
 * followed by exactly the continuation characters its byte needs. Only runs that contain a C1
 * control are touched: those never occur in real text, while "é\u00A0" can.
 */
const MOJIBAKE = /[\u00C2-\u00F4][\u0080-\u00BF]{1,3}/g;

function repairMojibake(s: string): string {
  return s.replace(MOJIBAKE, (run) => {
    if (!/[\u0080-\u009F]/.test(run)) return run;
    const lead = run.charCodeAt(0);
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (run.length < need) return run;
    const bytes = Array.from(run.slice(0, need), (c) => c.charCodeAt(0));
    const fixed = Buffer.from(bytes).toString('utf8');
    return fixed.length > 0 && !fixed.includes('\uFFFD') ? fixed + run.slice(need) : run;
  });
}

/**
 * Removes characters that cannot be stored or shown. C1 controls are read as the windows-1252
 * characters they almost always stand for (curly quotes from a mislabelled Latin-1 source),
 * after undoing double-encoded UTF-8.
 */
export function stripInvalidChars(s: string): string {
  // One scan settles the common case: nothing to repair and nothing to remove.
  if (!NEEDS_CLEANING.test(s)) return s;
  let out = s;
  if (/[\u0080-\u00FF]/.test(out)) {
    out = repairMojibake(out).replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? '');
  }
  return ANY_INVALID.test(out) ? out.replace(INVALID_CHARS, '') : out;
}

/** Two whitespace characters in a row, or one that is not a plain space. */
const RUN_OR_OTHER_SPACE = /\s\s|[^\S ]/;

/** Trimmed, whitespace runs collapsed to one space, invalid characters removed; '' → null. */
export function cleanLine(s: string | null | undefined): string | null {
  if (s == null) return null;
  const stripped = stripInvalidChars(s);
  // Most lines have no run of whitespace and no tab or newline: testing is cheaper than rebuilding them.
  const out = (RUN_OR_OTHER_SPACE.test(stripped) ? stripped.replace(/\s+/g, ' ') : stripped).trim();
  return out === '' ? null : out;
}

/** Elements whose text is never shown to a reader. */
const HIDDEN = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'svg',
  'math',
  'iframe',
  'object',
  'textarea',
  'select',
]);

/** Elements that separate words even without whitespace around them. */
const BREAKING = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'img',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/**
 * The visible text of an HTML fragment, entities decoded. A `<` that does not open a tag
 * (`1 < 2`) stays text, so plain text passes through unchanged. One linear pass: content of
 * several megabytes must not cost quadratic time.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let i = 0;
  let textStart = 0;
  const len = html.length;
  while (i < len) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (!isLetter && next !== 47 /* / */ && next !== 33 /* ! */ && next !== 63 /* ? */) {
      i = lt + 1;
      continue;
    }
    parts.push(html.slice(textStart, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? len : end + 3;
    } else {
      const end = tagEnd(html, lt);
      const name = tagName(html, lt);
      i = end;
      if (BREAKING.has(name)) parts.push(' ');
      if (HIDDEN.has(name) && html.charCodeAt(lt + 1) !== 47) {
        const closing = new RegExp(`</${name}`, 'gi');
        closing.lastIndex = end;
        const close = closing.exec(html);
        i = close === null ? len : tagEnd(html, close.index);
      }
    }
    textStart = i;
  }
  if (textStart < len) parts.push(html.slice(textStart));
  return decodeHTML(parts.join(''));
}

function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let j = from + 1; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return j + 1;
    }
  }
  return html.length;
}

function tagName(html: string, lt: number): string {
  let j = lt + 1;
  if (html.charCodeAt(j) === 47) j++;
  const start = j;
  while (j < html.length && /[A-Za-z0-9]/.test(html[j]!)) j++;
  return html.slice(start, j).toLowerCase();
}
