import type { XmlElement } from './tree.ts';

export function child(el: XmlElement, ...keys: string[]): XmlElement | undefined {
  for (const c of el.children) if (keys.includes(c.key)) return c;
  return undefined;
}

export function childrenOf(el: XmlElement, ...keys: string[]): XmlElement[] {
  return el.children.filter((c) => keys.includes(c.key));
}

/** The text of a leaf element; for mixed content, its markup re-serialised as HTML. */
export function textOf(el: XmlElement | undefined): string | null {
  if (el === undefined) return null;
  if (el.children.length === 0) {
    return el.nodes.length === 1 ? (el.nodes[0] as string) : el.nodes.join('');
  }
  return innerXml(el);
}

/** Text of the first child with one of the keys, trimmed; null when absent or blank. */
export function childText(el: XmlElement, ...keys: string[]): string | null {
  for (const c of el.children) {
    if (!keys.includes(c.key)) continue;
    const t = textOf(c)?.trim();
    if (t) return t;
  }
  return null;
}

export function attr(el: XmlElement | undefined, name: string): string | null {
  const v = el?.attrs.get(name)?.trim();
  return v ? v : null;
}

/** Child nodes serialised as HTML: for Atom `type="xhtml"` and for markup left unescaped in RSS. */
export function innerXml(el: XmlElement): string {
  const out: string[] = [];
  serializeNodes(el, out);
  return out.join('');
}

function serializeNodes(el: XmlElement, out: string[]): void {
  for (const node of el.nodes) {
    if (typeof node === 'string') {
      out.push(escapeText(node));
      continue;
    }
    out.push('<', node.local);
    for (const [name, value] of node.attrs) {
      if (name.startsWith('xml:')) continue;
      out.push(' ', name.slice(name.indexOf(':') + 1), '="', escapeAttr(value), '"');
    }
    if (node.nodes.length === 0) {
      out.push(' />');
      continue;
    }
    out.push('>');
    serializeNodes(node, out);
    out.push('</', node.local, '>');
  }
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
