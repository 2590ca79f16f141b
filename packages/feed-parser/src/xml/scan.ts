import { DocumentError } from '../types.ts';
import { MAX_DEPTH, openElement, type Frame, type XmlDocument, type XmlElement } from './element.ts';
import { EntityTable } from './entities.ts';

/**
 * A single-pass reader for the plain, well-formed documents most feeds are: ASCII names, quoted
 * attributes, the XML entities, character references and undeclared HTML entities, CDATA,
 * comments and processing instructions. It builds the same tree sax would and returns null on
 * anything else (a DOCTYPE, a well-formedness error, an unusual construct), so the caller hands
 * the document to sax, which keeps every recovery and entity rule in one place. Having no DTD
 * support at all, it can expand nothing but predefined and HTML entities.
 */
export function scanWellFormed(text: string, baseUrl: string | null): XmlDocument | null {
  const entities = new EntityTable();
  const stack: Frame[] = [];
  let root: XmlElement | null = null;
  let pending = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  // Text is reported when markup follows, as sax does, so nodes split where its nodes split.
  const flush = () => {
    if (pending === '') return;
    stack[stack.length - 1]?.element.nodes.push(pending);
    pending = '';
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? n : lt;
    if (end > i) {
      if (stack.length === 0) {
        // Outside the root only whitespace is well-formed.
        if (!WHITESPACE_ONLY.test(text.slice(i, end))) return null;
      } else {
        const decoded = decodeReferences(text, i, end, entities);
        if (decoded === null) return null;
        pending += decoded;
      }
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === SLASH) {
      const close = closeTag(text, lt, stack);
      if (close === -1) return null;
      flush();
      stack.pop();
      i = close;
      if (stack.length === 0) return finish(text, i, root, entities);
    } else if (next === BANG) {
      const after = markupDeclaration(text, lt, stack.length > 0, flush, (cdata) => stack[stack.length - 1]!.element.nodes.push(cdata));
      if (after === -1) return null;
      i = after;
    } else if (next === QUESTION) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) return null;
      flush();
      i = close + 2;
    } else {
      const tag = openTag(text, lt, entities);
      if (tag === null) return null;
      if (stack.length >= MAX_DEPTH) {
        throw new DocumentError('too-complex', `XML nesting deeper than ${MAX_DEPTH} elements`);
      }
      flush();
      const parent = stack[stack.length - 1];
      const frame = openElement(tag.qname, tag.attrs, parent, baseUrl);
      if (parent) {
        parent.element.children.push(frame.element);
        parent.element.nodes.push(frame.element);
      } else {
        root = frame.element;
      }
      if (!tag.selfClosing) stack.push(frame);
      else if (!parent) return finish(text, tag.end, root, entities);
      i = tag.end;
    }
  }
  return null;
}

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const NAME = /[A-Za-z_:][\w.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY_NAME = /^[#:_A-Za-z][#:_A-Za-z\d.-]*$/;

/** After the root element: only whitespace, comments and processing instructions may follow. */
function finish(text: string, from: number, root: XmlElement | null, entities: EntityTable): XmlDocument | null {
  let i = from;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.test(text);
    i = SPACE.lastIndex;
    if (i >= text.length) break;
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close === -1) return null;
      i = close + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = commentEnd(text, i);
      if (close === -1) return null;
      i = close;
    } else {
      return null;
    }
  }
  if (root === null) return null;
  const warnings: string[] = [];
  if (entities.undeclaredHtml.size > 0) {
    warnings.push(`undeclared entity: ${[...entities.undeclaredHtml].map((name) => `&${name};`).join(' ')} decoded as HTML`);
  }
  return { root, warnings, unclosed: [] };
}

/** `</name>` matching the open element: the index after it, or -1. */
function closeTag(text: string, lt: number, stack: Frame[]): number {
  const open = stack[stack.length - 1];
  if (open === undefined) return -1;
  const name = open.element.qname;
  if (!text.startsWith(name, lt + 2)) return -1;
  SPACE.lastIndex = lt + 2 + name.length;
  SPACE.test(text);
  return text.charCodeAt(SPACE.lastIndex) === 0x3e ? SPACE.lastIndex + 1 : -1;
}

/** Comments and CDATA sections; -1 for a DOCTYPE or anything malformed. */
function markupDeclaration(text: string, lt: number, inRoot: boolean, flush: () => void, cdata: (text: string) => void): number {
  if (text.startsWith('<!--', lt)) {
    const close = commentEnd(text, lt);
    // sax reports only non-empty comments, and reporting is what ends a text node.
    if (close !== -1 && close - lt > 7) flush();
    return close;
  }
  if (!inRoot || !text.startsWith('<![CDATA[', lt)) return -1;
  const close = text.indexOf(']]>', lt + 9);
  if (close === -1) return -1;
  flush();
  if (close > lt + 9) cdata(text.slice(lt + 9, close));
  return close + 3;
}

/** The index after `-->`, or -1 when the comment contains `--` (not well-formed). */
function commentEnd(text: string, lt: number): number {
  const close = text.indexOf('--', lt + 4);
  return close !== -1 && text.charCodeAt(close + 2) === 0x3e && close > lt + 4 && text.charCodeAt(close - 1) !== 0x2d ? close + 3 : -1;
}

/** Shared by every tag without attributes; replaced, never appended to. */
const NO_ATTRS: [string, string][] = [];

interface OpenTag {
  qname: string;
  attrs: [string, string][];
  selfClosing: boolean;
  end: number;
}

function openTag(text: string, lt: number, entities: EntityTable): OpenTag | null {
  NAME.lastIndex = lt + 1;
  if (!NAME.test(text)) return null;
  const qname = text.slice(lt + 1, NAME.lastIndex);
  let attrs: [string, string][] = NO_ATTRS;
  let seen: Set<string> | undefined;
  let i = NAME.lastIndex;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.test(text);
    const spaced = SPACE.lastIndex > i;
    i = SPACE.lastIndex;
    const c = text.charCodeAt(i);
    if (c === 0x3e) return { qname, attrs, selfClosing: false, end: i + 1 };
    if (c === SLASH) return text.charCodeAt(i + 1) === 0x3e ? { qname, attrs, selfClosing: true, end: i + 2 } : null;
    NAME.lastIndex = i;
    if (!spaced || !NAME.test(text)) return null;
    const name = text.slice(i, NAME.lastIndex);
    // sax keeps attributes on a plain object: such names upset it, and its recovery decides.
    if (name in Object.prototype) return null;
    SPACE.lastIndex = NAME.lastIndex;
    SPACE.test(text);
    if (text.charCodeAt(SPACE.lastIndex) !== 0x3d) return null;
    SPACE.lastIndex += 1;
    SPACE.test(text);
    const quote = text[SPACE.lastIndex];
    if (quote !== '"' && quote !== "'") return null;
    const close = text.indexOf(quote, SPACE.lastIndex + 1);
    if (close === -1) return null;
    const value = decodeReferences(text, SPACE.lastIndex + 1, close, entities);
    if (value === null) return null;
    // sax keeps the first of repeated attributes and drops the rest; a set keeps a tag with
    // thousands of attributes linear.
    if (attrs.length >= 16) seen ??= new Set(attrs.map(([n]) => n));
    if (seen ? !seen.has(name) : !attrs.some(([n]) => n === name)) {
      if (attrs === NO_ATTRS) attrs = [];
      attrs.push([name, value]);
      seen?.add(name);
    }
    i = close + 1;
  }
}

/** text[from, to) with references replaced as sax replaces them; null for any it would reject. */
function decodeReferences(text: string, from: number, to: number, entities: EntityTable): string | null {
  // Searching the slice, not the document, keeps each search within this run of text.
  const raw = text.slice(from, to);
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let copied = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1) return null;
    const value = reference(raw.slice(amp + 1, semi), entities);
    if (value === null) return null;
    out += raw.slice(copied, amp) + value;
    copied = semi + 1;
    amp = raw.indexOf('&', copied);
  }
  return out + raw.slice(copied);
}

function reference(name: string, entities: EntityTable): string | null {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (!ENTITY_NAME.test(name)) return null;
  // The order sax looks names up in, so undeclared HTML entities are recorded the same way.
  const named = entities.lookup(name) || entities.lookup(name.toLowerCase());
  if (named) return typeof named === 'string' ? named : null;
  const lower = name.toLowerCase();
  if (lower.charCodeAt(0) !== 0x23) return null;
  const hex = lower.charCodeAt(1) === 0x78;
  const digits = lower.slice(hex ? 2 : 1).replace(/^0+/, '');
  const code = parseInt(digits, hex ? 16 : 10);
  if (Number.isNaN(code) || code.toString(hex ? 16 : 10) !== digits || !isXmlChar(code)) return null;
  return String.fromCodePoint(code);
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
