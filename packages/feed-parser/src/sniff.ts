import { sniffBom, sniffWideEncoding } from './encoding.ts';
import { looksLikeHtmlPage } from './page/html-page.ts';
import { looksLikePlainTextArticle } from './page/plain-text-page.ts';

export type DocumentKind = 'xml' | 'json' | 'html' | 'text';

/** File signatures of formats that are certainly not a feed or an article page. */
const SIGNATURES: readonly [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['Ogg media', [0x4f, 0x67, 0x67, 0x53]],
  ['ELF binary', [0x7f, 0x45, 0x4c, 0x46]],
  ['MP3 audio', [0x49, 0x44, 0x33]],
];

/** A description of a binary format, or null when the bytes may be text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const [name, magic] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return name;
  }
  const riff = String.fromCharCode(...bytes.subarray(8, 12));
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46) return `RIFF ${riff} data`;
  if (String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') return 'ISO media (MP4, HEIC, AVIF)';
  // UTF-16/32 is full of NUL bytes but announces itself up front; other text holds at most a
  // few stray control bytes (which the parser strips), binary formats hold many.
  if (sniffBom(bytes) === null && sniffWideEncoding(bytes) === null && controlByteShare(bytes.subarray(0, 1024)) > 0.1) {
    return 'binary data';
  }
  return null;
}

function controlByteShare(head: Uint8Array): number {
  let controls = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  return head.length === 0 ? 0 : controls / head.length;
}

/** Types whose bodies are never text: with an unrecognised body, the answer is "unsupported". */
export function isBinaryContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*(?:image|audio|video|font)\/|^\s*application\/(?:pdf|zip|gzip|octet-stream)/i.test(contentType);
}

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed', 'channel', 'entry']);

/**
 * The kind of document, judged from its first characters; the Content-Type only breaks ties
 * (markup whose root is neither a feed nor clearly HTML). Null: not a format this parser reads.
 */
export function sniffKind(text: string, contentType: string | undefined): DocumentKind | null {
  const head = text.slice(0, 4096).trimStart();
  const first = head[0];
  if (first === '{' || first === '[') return 'json';
  if (first === '<') {
    const root = firstElementName(head);
    if (root !== null && FEED_ROOTS.has(root)) return 'xml';
    if (looksLikeHtmlPage(text)) return 'html';
    if (contentType !== undefined && /html/i.test(contentType)) return 'html';
    return 'xml';
  }
  return looksLikePlainTextArticle(text) ? 'text' : null;
}

/** Local name of the first element, past the XML declaration, comments and a DOCTYPE. */
function firstElementName(head: string): string | null {
  let at = 0;
  for (let guard = 0; guard < 50; guard++) {
    const lt = head.indexOf('<', at);
    if (lt === -1) return null;
    if (head.startsWith('<!--', lt)) {
      const end = head.indexOf('-->', lt + 4);
      if (end === -1) return null;
      at = end + 3;
      continue;
    }
    if (head[lt + 1] === '?' || head[lt + 1] === '!') {
      at = skipDeclaration(head, lt);
      continue;
    }
    const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(head.slice(lt, lt + 200));
    return m?.[2] ? m[2].toLowerCase() : null;
  }
  return null;
}

/** Past `<?...?>` or `<!DOCTYPE ...>`, including a DOCTYPE's bracketed internal subset. */
function skipDeclaration(head: string, lt: number): number {
  let depth = 0;
  for (let i = lt + 1; i < head.length; i++) {
    const c = head[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return head.length;
}
