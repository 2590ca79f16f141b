import sax from 'sax';
import { DocumentError } from '../types.ts';

/** Entities XML predefines; any other name used undeclared is read as an HTML entity. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const HTML_ENTITIES = (sax as unknown as { ENTITIES: Record<string, string> }).ENTITIES;

/** Replacement text longer than this is never expanded (quadratic-blowup entities are long). */
export const MAX_ENTITY_VALUE = 1024;
/** Total characters all expansions of DTD-declared entities may add to one document. */
export const MAX_ENTITY_EXPANSION = 1_000_000;
const MAX_DECLARATIONS = 200;

/**
 * The entity table sax consults. sax itself never reads a DTD, so nothing is expanded unless
 * this table says so: internal-subset entities whose value is plain text (no references, so
 * no billion-laughs nesting; no markup), within a per-value and a per-document budget.
 * External entities (`SYSTEM "file:///etc/passwd"`) are never fetched or expanded.
 */
export class EntityTable {
  private readonly declared = new Map<string, string>();
  private expanded = 0;
  readonly undeclaredHtml = new Set<string>();
  refused = 0;

  /** Reads `<!ENTITY name "value">` declarations from a DOCTYPE's internal subset. */
  declare(doctype: string): void {
    const decl = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
    let m: RegExpExecArray | null;
    while ((m = decl.exec(doctype)) !== null && this.declared.size < MAX_DECLARATIONS) {
      const name = m[1]!;
      const value = (m[2] ?? m[3] ?? '').replace(/&#(x[\da-fA-F]{1,6}|\d{1,7});/g, (_, code: string) =>
        safeCodePoint(code.startsWith('x') ? parseInt(code.slice(1), 16) : parseInt(code, 10)),
      );
      if (value.length > MAX_ENTITY_VALUE || /[&<%]/.test(value)) {
        this.refused++;
        continue;
      }
      if (!this.declared.has(name)) this.declared.set(name, value);
    }
  }

  lookup(name: string): string | undefined {
    const declared = this.declared.get(name);
    if (declared !== undefined) {
      this.expanded += declared.length;
      if (this.expanded > MAX_ENTITY_EXPANSION) {
        throw new DocumentError('too-complex', `entity expansion exceeds ${MAX_ENTITY_EXPANSION} characters`);
      }
      return declared;
    }
    const html = HTML_ENTITIES[name];
    if (html !== undefined && !XML_ENTITIES.has(name) && this.undeclaredHtml.size < 20) this.undeclaredHtml.add(name);
    return html;
  }

  /** An object sax can index like its own entity map. */
  asSaxTable(): object {
    return new Proxy(Object.create(null) as object, {
      get: (_target, name) => (typeof name === 'string' ? this.lookup(name) : undefined),
    });
  }
}

function safeCodePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '';
}

const REFERENCE = /(?:[A-Za-z_][\w.-]*|#\d+|#[xX][\da-fA-F]+);/y;

/**
 * `&` that starts no reference (`?a=1&b=2`) escaped as `&amp;`, outside CDATA sections and
 * comments. Used for the recovery pass only: a well-formed document never needs it. Linear:
 * every search moves forward.
 */
export function escapeBareAmpersands(text: string): string {
  const out: string[] = [];
  let copied = 0;
  let i = 0;
  let markup = text.indexOf('<!', 0);
  for (;;) {
    const amp = text.indexOf('&', i);
    if (amp === -1) break;
    if (markup !== -1 && markup < amp) {
      const close = text.startsWith('<![CDATA[', markup) ? ']]>' : text.startsWith('<!--', markup) ? '-->' : null;
      const end = close === null ? markup + 2 : text.indexOf(close, markup + 4);
      i = end === -1 ? text.length : close === null ? end : end + close.length;
      markup = text.indexOf('<!', i);
      continue;
    }
    REFERENCE.lastIndex = amp + 1;
    if (!REFERENCE.test(text)) {
      out.push(text.slice(copied, amp), '&amp;');
      copied = amp + 1;
    }
    i = amp + 1;
  }
  out.push(text.slice(copied));
  return out.join('');
}
