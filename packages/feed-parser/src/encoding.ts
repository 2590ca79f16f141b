import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeIso2022Jp, looksLikeIso2022Jp } from './encoding/iso-2022-jp.ts';

export interface Decoded {
  text: string;
  /** Canonical lower-case name of the encoding actually used. */
  encoding: string;
  warnings: string[];
}

/**
 * Labels mapped the way browsers map them (WHATWG Encoding): Latin-1 and ASCII labels are read
 * as windows-1252 (feeds that say ISO-8859-1 routinely carry 0x80–0x9F curly quotes), GB2312 and
 * GBK as their superset GB18030, Shift_JIS as its Microsoft superset.
 */
const LABELS: ReadonlyMap<string, string> = new Map([
  ...aliases('utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'),
  ...aliases(
    'windows-1252',
    'iso-8859-1',
    'iso8859-1',
    'iso_8859-1',
    'latin1',
    'l1',
    'us-ascii',
    'ascii',
    'ansi_x3.4-1968',
    'cp819',
    'ibm819',
    'cp1252',
    'x-cp1252',
    'iso-ir-100',
    'csisolatin1',
  ),
  ...aliases('windows-1254', 'iso-8859-9', 'iso8859-9', 'latin5', 'l5', 'cp1254'),
  ...aliases('windows-874', 'tis-620', 'iso-8859-11', 'dos-874'),
  ...aliases('gb18030', 'gb2312', 'gbk', 'x-gbk', 'cp936', 'chinese', 'csgb2312', 'euc-cn'),
  ...aliases('shift_jis', 'sjis', 'x-sjis', 'ms932', 'ms_kanji', 'windows-31j', 'csshiftjis', 'cp932'),
  ...aliases('euc-jp', 'x-euc-jp', 'cseucpkdfmtjapanese'),
  ...aliases('iso-2022-jp', 'csiso2022jp'),
  ...aliases('euc-kr', 'ks_c_5601-1987', 'korean', 'cp949', 'windows-949', 'csksc56011987'),
  ...aliases('big5', 'big5-hkscs', 'cn-big5', 'x-x-big5', 'csbig5'),
  ...aliases('macintosh', 'mac', 'x-mac-roman', 'csmacintosh'),
  ...aliases('ibm866', 'cp866', '866', 'csibm866'),
  ...aliases('koi8-r', 'koi8', 'cskoi8r', 'koi'),
  ...aliases('utf-16le', 'utf-16', 'utf16', 'unicode', 'ucs-2'),
  ...aliases('utf-16be', 'unicodefffe'),
]);

function aliases(name: string, ...labels: string[]): [string, string][] {
  return [[name, name], ...labels.map((l): [string, string] => [l, name])];
}

/** The encoding for a declared label, or null when neither the table nor iconv-lite knows it. */
export function canonicalEncoding(label: string): string | null {
  const lower = label.trim().toLowerCase();
  const known = LABELS.get(lower);
  if (known) return known;
  return iconv.encodingExists(lower) ? lower : null;
}

/**
 * Decodes a document's bytes. Precedence: byte order mark, then the Content-Type charset, then
 * the XML declaration, then an HTML `<meta>` charset. Declarations lie often, so bytes that are
 * valid UTF-8 (and not plain ASCII) win over a non-UTF-8 declaration, with a warning.
 */
export function decode(bytes: Uint8Array, contentType?: string): Decoded {
  const warnings: string[] = [];
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, warnings };

  const wide = sniffWideEncoding(bytes);
  if (wide) return { text: decodeWith(bytes, wide), encoding: wide, warnings };

  const declared = declaredCharset(bytes, contentType);
  if (declared) {
    const encoding = canonicalEncoding(declared.label);
    if (encoding === null) {
      warnings.push(`unknown charset "${declared.label}" (from ${declared.source}); decoded by content`);
    } else if (/^utf-(16|32)/.test(encoding)) {
      // The declaration was readable as ASCII, so the bytes cannot be UTF-16/32.
      warnings.push(`charset "${declared.label}" (from ${declared.source}) contradicts the bytes; decoded by content`);
    } else if (encoding === 'utf-8') {
      return byContent(bytes, warnings);
    } else if (!isAscii(bytes) && isUtf8(bytes)) {
      warnings.push(`encoding override: declared "${declared.label}" (from ${declared.source}), but the bytes are valid UTF-8`);
      return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', warnings };
    } else {
      return { text: decodeWith(bytes, encoding), encoding, warnings };
    }
  }
  if (isAscii(bytes) && looksLikeIso2022Jp(bytes)) {
    return { text: decodeWith(bytes, 'iso-2022-jp'), encoding: 'iso-2022-jp', warnings };
  }
  return byContent(bytes, warnings);
}

/** UTF-8 when the bytes are (mostly) UTF-8, otherwise the commonest legacy encoding on the web. */
function byContent(bytes: Uint8Array, warnings: string[]): Decoded {
  if (isUtf8(bytes)) return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', warnings };
  const { valid, invalid } = countUtf8Sequences(bytes);
  if (valid > invalid) {
    warnings.push(`invalid UTF-8: ${invalid} malformed byte sequence(s) replaced with U+FFFD`);
    return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', warnings };
  }
  warnings.push('bytes are not valid UTF-8 and no charset is declared; decoded as windows-1252');
  return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', warnings };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (encoding === 'iso-2022-jp') return decodeIso2022Jp(bytes);
  return iconv.decode(bytes, encoding, { stripBOM: false });
}

export function sniffBom(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/**
 * UTF-16/32 without a byte order mark, recognised from the zero bytes around the first
 * ASCII character (`<`, `{`, whitespace) as XML 1.0 Appendix F describes.
 */
export function sniffWideEncoding(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  const [b0, b1, b2, b3] = [b[0]!, b[1]!, b[2]!, b[3]!];
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return 'utf-32be';
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0 && b1 < 0x80 && b3 < 0x80) return 'utf-16be';
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0 && b0 < 0x80 && b2 < 0x80) return 'utf-16le';
  return null;
}

interface Declaration {
  label: string;
  source: 'Content-Type' | 'XML declaration' | 'meta charset';
}

function declaredCharset(bytes: Uint8Array, contentType: string | undefined): Declaration | null {
  const fromHeader = contentType ? /;\s*charset\s*=\s*"?([^";\s]{1,40})/i.exec(contentType.slice(0, 256)) : null;
  if (fromHeader?.[1]) return { label: fromHeader[1], source: 'Content-Type' };
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head);
  if (xml?.[1]) return { label: xml[1], source: 'XML declaration' };
  const meta = metaCharset(head);
  return meta ? { label: meta, source: 'meta charset' } : null;
}

/** `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`. */
function metaCharset(head: string): string | null {
  const lower = head.toLowerCase();
  let at = lower.indexOf('<meta');
  while (at !== -1) {
    const end = lower.indexOf('>', at);
    const tag = lower.slice(at, end === -1 ? at + 512 : Math.min(end, at + 512));
    const m = /charset\s*=\s*["']?\s*([a-z0-9._:-]{1,40})/.exec(tag);
    if (m?.[1]) return m[1];
    at = lower.indexOf('<meta', at + 5);
  }
  return null;
}

/** Counts well-formed multi-byte UTF-8 sequences against stray or malformed bytes. */
function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}
