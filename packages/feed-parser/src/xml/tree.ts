import sax from 'sax';
import { DocumentError } from '../types.ts';
import { resolveUrl } from '../sanitize.ts';
import { EntityTable, escapeBareAmpersands } from './entities.ts';
import { namespaceKey } from './namespaces.ts';

/** Text and elements in document order. */
export type XmlNode = string | XmlElement;

export interface XmlElement {
  /** `title`, `dc:creator`, `atom:link`: the local name (lower case) behind a canonical prefix. */
  readonly key: string;
  readonly local: string;
  /** The name as written, for re-serialising embedded XHTML. */
  readonly qname: string;
  /** Attributes by the same kind of key (`href`, `rdf:about`, `xml:base`); never a plain object. */
  readonly attrs: Map<string, string>;
  readonly children: XmlElement[];
  readonly nodes: XmlNode[];
  /** Base URL set by xml:base on this element or an ancestor (resolved); null when none. */
  readonly base: string | null;
  /** xml:lang in effect for this element. */
  readonly lang: string | null;
}

export interface XmlDocument {
  root: XmlElement;
  warnings: string[];
}

export const MAX_DEPTH = 256;
/** References to entities that are never expanded (DTD-declared or unknown) before giving up. */
export const MAX_UNEXPANDED_ENTITIES = 10_000;
const MAX_LOOSE_ERRORS = 10_000;

class NotWellFormed extends Error {}

/**
 * Parses XML with sax, which never expands DTD-declared entities: billion-laughs and external
 * entities stay inert text. A strict pass runs first; on a well-formedness error a loose pass
 * recovers what it can, as feed readers have always done.
 */
export function parseXml(text: string, baseUrl: string | null): XmlDocument {
  try {
    return build(text, baseUrl, true);
  } catch (error) {
    if (!(error instanceof NotWellFormed)) throw error;
    const recovered = build(text, baseUrl, false);
    recovered.warnings.unshift(`not well-formed: ${error.message}`);
    return recovered;
  }
}

interface Frame {
  element: XmlElement;
  scope: Map<string, string>;
}

function build(text: string, baseUrl: string | null, strict: boolean): XmlDocument {
  const parser = sax.parser(strict, { lowercase: true, noscript: true, position: true, xmlns: false });
  const warnings: string[] = [];
  const entities = new EntityTable();
  let unexpanded = 0;
  let looseErrors = 0;
  let root: XmlElement | null = null;
  const stack: Frame[] = [];
  let pendingAttrs: [string, string][] = [];
  // sax looks every entity name up on this object.
  (parser as unknown as { ENTITIES: object }).ENTITIES = entities.asSaxTable();

  parser.onattribute = (attr) => {
    pendingAttrs.push([attr.name, attr.value]);
  };
  parser.onopentag = (tag) => {
    if (stack.length >= MAX_DEPTH) {
      throw new DocumentError('too-complex', `XML nesting deeper than ${MAX_DEPTH} elements`);
    }
    const parent = stack[stack.length - 1];
    const element = openElement(tag.name, pendingAttrs, parent, baseUrl);
    pendingAttrs = [];
    if (parent) {
      parent.element.children.push(element.element);
      parent.element.nodes.push(element.element);
    } else {
      // A second root element (loose recovery) is read but left out of the tree.
      root ??= element.element;
    }
    // sax reports a close for self-closing tags too, so every element is pushed.
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (t) => {
    stack[stack.length - 1]?.element.nodes.push(t);
  };
  parser.oncdata = parser.ontext;
  parser.ondoctype = (doctype) => entities.declare(doctype);
  parser.onerror = (error) => {
    const reason = error.message.split('\n')[0] ?? 'error';
    if (/^Invalid character entity/.test(reason)) {
      // An entity the document declared in its DTD or not at all: left as text, never expanded.
      if (++unexpanded > MAX_UNEXPANDED_ENTITIES) {
        throw new DocumentError('too-complex', `more than ${MAX_UNEXPANDED_ENTITIES} references to unexpandable entities`);
      }
      parser.resume();
      return;
    }
    if (strict) throw new NotWellFormed(`${reason} (line ${parser.line + 1}, column ${parser.column + 1})`);
    if (++looseErrors > MAX_LOOSE_ERRORS) throw new DocumentError('unparseable', 'too many XML errors to recover from');
    parser.resume();
  };

  try {
    parser.write(strict ? text : escapeBareAmpersands(text)).close();
  } catch (error) {
    if (error instanceof DocumentError || error instanceof NotWellFormed) throw error;
    // sax itself can trip over hostile input (an attribute named `hasOwnProperty`).
    if (strict) throw new NotWellFormed(error instanceof Error ? error.message : String(error));
    if (root === null) throw new DocumentError('unparseable', 'the XML could not be read');
  }
  if (root === null) throw new DocumentError('unparseable', 'no XML root element found');
  if (entities.undeclaredHtml.size > 0) {
    warnings.push(`undeclared entity: ${[...entities.undeclaredHtml].map((n) => `&${n};`).join(' ')} decoded as HTML`);
  }
  if (entities.refused > 0) {
    warnings.push(`${entities.refused} DOCTYPE entity declaration(s) not expanded (nested references, markup or too long)`);
  }
  if (unexpanded > 0) warnings.push(`${unexpanded} reference(s) to undeclared entities left unexpanded`);
  return { root, warnings };
}

function openElement(
  qname: string,
  rawAttrs: [string, string][],
  parent: Frame | undefined,
  baseUrl: string | null,
): Frame {
  let scope = parent?.scope ?? ROOT_SCOPE;
  for (const [name, value] of rawAttrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === (parent?.scope ?? ROOT_SCOPE)) scope = new Map(scope);
      scope.set(name === 'xmlns' ? '' : name.slice(6), value.trim());
    }
  }
  const attrs = new Map<string, string>();
  for (const [name, value] of rawAttrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const colon = name.indexOf(':');
    // Unprefixed attributes belong to no namespace, whatever the default namespace is.
    const key = colon === -1 ? name.toLowerCase() : qualify(name, scope, false);
    if (!attrs.has(key)) attrs.set(key, value);
  }
  const parentEl = parent?.element;
  const xmlBase = attrs.get('xml:base');
  // `base` stays null unless some xml:base applies, so readers can fall back to the feed's link.
  const inherited = parentEl?.base ?? null;
  const base = xmlBase !== undefined ? (resolveUrl(xmlBase, inherited ?? baseUrl) ?? inherited) : inherited;
  const element: XmlElement = {
    key: qualify(qname, scope, true),
    local: localName(qname),
    qname,
    attrs,
    children: [],
    nodes: [],
    base,
    lang: attrs.get('xml:lang') ?? parentEl?.lang ?? null,
  };
  return { element, scope };
}

const ROOT_SCOPE: Map<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return (colon === -1 ? qname : qname.slice(colon + 1)).toLowerCase();
}

function qualify(qname: string, scope: Map<string, string>, isElement: boolean): string {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const local = localName(qname);
  const uri = scope.get(prefix);
  const key = uri !== undefined ? namespaceKey(uri, prefix) : prefix.toLowerCase();
  if (!isElement && prefix === '') return local;
  return key === '' ? local : `${key}:${local}`;
}
