import { decodeHTML } from 'entities';

/**
 * RSS never says whether a title or a description is HTML or plain text: after XML decoding,
 * `&lt;/example&gt;` and `<![CDATA[<b>x</b>]]>` both arrive as markup-looking text. These two
 * tests decide, so escaped text stays the characters it spells and real markup is read as HTML.
 */

/** Elements of HTML as published (current and obsolete ones feeds still carry). */
const HTML_ELEMENTS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'acronym',
  'address',
  'area',
  'article',
  'aside',
  'audio',
  'b',
  'base',
  'bdi',
  'bdo',
  'big',
  'blink',
  'blockquote',
  'body',
  'br',
  'button',
  'canvas',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'data',
  'datalist',
  'dd',
  'del',
  'details',
  'dfn',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'fieldset',
  'figcaption',
  'figure',
  'font',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hgroup',
  'hr',
  'html',
  'i',
  'iframe',
  'img',
  'input',
  'ins',
  'kbd',
  'label',
  'legend',
  'li',
  'link',
  'main',
  'map',
  'mark',
  'marquee',
  'math',
  'menu',
  'meta',
  'meter',
  'nav',
  'nobr',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'ol',
  'optgroup',
  'option',
  'output',
  'p',
  'param',
  'picture',
  'pre',
  'progress',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'script',
  'search',
  'section',
  'select',
  'slot',
  'small',
  'source',
  'span',
  'strike',
  'strong',
  'style',
  'sub',
  'summary',
  'sup',
  'svg',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'time',
  'title',
  'tr',
  'track',
  'tt',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
]);

/** `<name` or `</name` followed by what may follow a tag name; `<me@example.com>` is no tag. */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])/g;
const REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/g;

/** A named reference HTML defines (`&eacute;`), or any numeric one. */
function isKnownReference(body: string): boolean {
  return body.charCodeAt(0) === 0x23 || decodeHTML(`&${body};`) !== `&${body};`;
}

/**
 * For one-line fields (titles, authors, categories, captions), the rule feed readers have long
 * used: text is HTML only when every tag-like token names an HTML element, every named
 * reference is one HTML defines, and there is proof of markup: a reference, or a closing tag
 * whose element was opened before it. So `<b>x</b>` and `Fish &amp; Chips` are HTML;
 * `</example>`, `AT&T <3`, `Fix </div> bug` and `Use <br> tags` are text.
 */
export function looksLikeHtml(value: string): boolean {
  const hasLt = value.includes('<');
  if (!hasLt && !value.includes('&')) return false;
  let proof = false;
  for (const m of value.matchAll(REFERENCE)) {
    if (!isKnownReference(m[1]!)) return false;
    proof = true;
  }
  if (!hasLt) return proof;
  const opened = new Set<string>();
  for (const m of value.matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    if (!HTML_ELEMENTS.has(name)) return false;
    if (m[1] === '') opened.add(name);
    else if (opened.has(name)) proof = true;
  }
  return proof;
}

/**
 * For descriptions and summaries, which RSS defines as HTML: markup as soon as one tag names an
 * HTML element or one reference is known, whatever else the text holds (Word's `<o:p>`, a stray
 * `</div>` from a cut snippet). Only text with neither (`</example>`, `AT&T <3`) stays text.
 */
export function containsHtml(value: string): boolean {
  const hasLt = value.includes('<');
  if (!hasLt && !value.includes('&')) return false;
  for (const m of value.matchAll(REFERENCE)) if (isKnownReference(m[1]!)) return true;
  if (!hasLt) return false;
  if (value.includes('<!--')) return true;
  for (const m of value.matchAll(TAG)) if (HTML_ELEMENTS.has(m[2]!.toLowerCase())) return true;
  return false;
}
