import { resolveUrl } from '../sanitize.ts';
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
  readonly attrs: ReadonlyMap<string, string>;
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
  /**
   * The elements the text ended inside (the root first): not empty only for a document cut off
   * before its end, whose last item is then incomplete.
   */
  unclosed: readonly XmlElement[];
}

export const MAX_DEPTH = 256;

/** An open element and the namespace bindings in effect inside it. */
export interface Frame {
  element: XmlElement;
  scope: Map<string, string>;
}

/** Builds an element from its name and attributes as written, in its parent's namespace scope. */
export function openElement(
  qname: string,
  rawAttrs: readonly [string, string][],
  parent: Frame | undefined,
  baseUrl: string | null,
): Frame {
  if (rawAttrs.length === 0) return bareElement(qname, parent);
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
  const names = elementNames(qname, scope);
  const element: XmlElement = {
    key: names.key,
    local: names.local,
    qname,
    attrs,
    children: [],
    nodes: [],
    base,
    lang: attrs.get('xml:lang') ?? parentEl?.lang ?? null,
  };
  return { element, scope };
}

/** Most elements carry no attributes: they share one empty map and inherit base, language and scope. */
const NO_ATTRS: ReadonlyMap<string, string> = new Map();

function bareElement(qname: string, parent: Frame | undefined): Frame {
  const scope = parent?.scope ?? ROOT_SCOPE;
  const names = elementNames(qname, scope);
  const element: XmlElement = {
    key: names.key,
    local: names.local,
    qname,
    attrs: NO_ATTRS,
    children: [],
    nodes: [],
    base: parent?.element.base ?? null,
    lang: parent?.element.lang ?? null,
  };
  return { element, scope };
}

const ROOT_SCOPE: Map<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

/** Names already qualified in a scope: a feed repeats a handful of element names thousands of times. */
const NAME_CACHE = new WeakMap<Map<string, string>, Map<string, { key: string; local: string }>>();
/** Bounds each scope's cache, since ROOT_SCOPE's lives as long as the process. */
const MAX_CACHED_NAMES = 512;

function elementNames(qname: string, scope: Map<string, string>): { key: string; local: string } {
  let cache = NAME_CACHE.get(scope);
  if (cache === undefined) {
    cache = new Map();
    NAME_CACHE.set(scope, cache);
  }
  let names = cache.get(qname);
  if (names === undefined) {
    names = { key: qualify(qname, scope, true), local: localName(qname) };
    if (cache.size < MAX_CACHED_NAMES) cache.set(qname, names);
  }
  return names;
}

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
