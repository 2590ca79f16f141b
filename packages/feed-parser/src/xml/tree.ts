import sax from 'sax';
import { DocumentError } from '../types.ts';
import { EntityTable, escapeBareAmpersands } from './entities.ts';
import { scanWellFormed } from './scan.ts';
import { MAX_DEPTH, openElement, type Frame, type XmlDocument, type XmlElement } from './element.ts';
import { NOT_WELL_FORMED } from '../unrecoverable.ts';

export type { XmlDocument, XmlElement, XmlNode } from './element.ts';
export { MAX_DEPTH } from './element.ts';

/** References to entities that are never expanded (DTD-declared or unknown) before giving up. */
export const MAX_UNEXPANDED_ENTITIES = 10_000;
const MAX_LOOSE_ERRORS = 10_000;

class NotWellFormed extends Error {}

/**
 * Parses XML: plain well-formed documents with the scanner in scan.ts, everything else with sax,
 * which never expands DTD-declared entities: billion-laughs and external entities stay inert
 * text. A strict sax pass runs first; on a well-formedness error a loose pass recovers what it
 * can, as feed readers have always done.
 */
export function parseXml(text: string, baseUrl: string | null): XmlDocument {
  // Most feeds are plain well-formed XML, read much faster without sax's per-character state machine.
  const scanned = scanWellFormed(text, baseUrl);
  if (scanned !== null) return scanned;
  try {
    return build(text, baseUrl, true);
  } catch (error) {
    if (!(error instanceof NotWellFormed)) throw error;
    const recovered = build(text, baseUrl, false);
    recovered.warnings.unshift(`${NOT_WELL_FORMED}: ${error.message}`);
    return recovered;
  }
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
  // sax closes nothing at the end of its input: what is still open is what the text ended inside.
  return { root, warnings, unclosed: stack.map((frame) => frame.element) };
}
