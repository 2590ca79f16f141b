import type { TextType } from '../raw-item.ts';
import { nonBlank } from './extensions.ts';
import { attr, innerXml, textOf } from './read.ts';
import type { XmlElement } from './tree.ts';

/**
 * An Atom text construct as text or HTML. Atom 1.0 says `type="text|html|xhtml"`; Atom 0.3
 * says a MIME type plus `mode="xml|escaped|base64"`.
 */
export function textConstruct(el: XmlElement | undefined): { value: string; type: TextType } | null {
  if (el === undefined || el.attrs.has('src')) return null;
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  const mode = attr(el, 'mode')?.toLowerCase();
  let value: string | null;
  let kind: TextType;
  if (mode === 'base64') {
    value = Buffer.from(textOf(el) ?? '', 'base64').toString('utf8');
    kind = type.includes('html') ? 'html' : 'text';
  } else if (type === 'xhtml' || type.includes('xhtml') || el.children.length > 0) {
    const div = el.children.length === 1 && el.children[0]!.local === 'div' ? el.children[0]! : el;
    value = innerXml(div);
    kind = 'html';
  } else {
    value = textOf(el);
    kind = type === 'html' || type.includes('html') || (mode === 'escaped' && type !== 'text/plain') ? 'html' : 'text';
  }
  value = nonBlank(value);
  return value === null ? null : { value, type: kind };
}
