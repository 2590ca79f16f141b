import { describe, expect, it } from 'vitest';
import { DocumentError } from '../types.ts';
import type { XmlElement } from './element.ts';
import { scanWellFormed } from './scan.ts';
import { parseXml } from './tree.ts';

const BASE = 'https://base.example/x/';

/** Everything readers can see of a tree. */
function dump(el: XmlElement): unknown {
  return {
    key: el.key,
    local: el.local,
    qname: el.qname,
    attrs: [...el.attrs],
    base: el.base,
    lang: el.lang,
    children: el.children.length,
    nodes: el.nodes.map((n) => (typeof n === 'string' ? n : dump(n))),
  };
}

/** The tree sax builds: an empty DOCTYPE before the root changes nothing but makes the scanner step aside. */
function viaSax(xml: string) {
  const at = /<[A-Za-z_]/.exec(xml)!.index;
  const doc = parseXml(`${xml.slice(0, at)}<!DOCTYPE x>${xml.slice(at)}`, BASE);
  return [dump(doc.root), doc.warnings];
}

describe('scanWellFormed', () => {
  it.each([
    '<rss><a>x &nbsp; &copy; &AMP; &#039; &#x41; &#X41; &#65;y</a></rss>',
    '<?xml version="1.0"?>\n<!-- head -->\n<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator a=\'1\' a="2" b = "3&amp;&lt;" >z</dc:creator ></rss>\n<!-- tail -->\n',
    '<rss><a xml:base="/p/" xml:lang="fr"><b xml:base="q/"><c/></b></a><d/></rss>',
    '<rss><a>a<!-- c -->b<?pi x?>c<![CDATA[]]>d<![CDATA[<p>e</p>]]]>f</a></rss>',
    '<Rss><A X="1">t</A></Rss>',
    '<rss><a b="<">x > y ]]> z</a></rss>',
  ])('builds the tree sax builds: %s', (xml) => {
    const scanned = scanWellFormed(xml, BASE);
    expect(scanned).not.toBeNull();
    expect([dump(scanned!.root), scanned!.warnings]).toEqual(viaSax(xml));
  });

  it.each([
    '<!DOCTYPE rss [<!ENTITY a "b">]><rss>&a;</rss>',
    '<rss><a>&foo;</a></rss>',
    '<rss><a>&#1;</a></rss>',
    '<rss><a>& b</a></rss>',
    '<rss><a>x</b></rss>',
    '<rss><a>1</a>',
    '<rss></rss>junk',
    '<rss><a b="1"c="2"/></rss>',
    '<rss><a constructor="1"/></rss>',
    '<rss><!-- a -- b --></rss>',
    '<rss><t\u00e9/></rss>',
  ])('leaves what it does not read plainly to sax: %s', (xml) => {
    expect(scanWellFormed(xml, BASE)).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    const xml = `<rss>${'<a>'.repeat(300)}${'</a>'.repeat(300)}</rss>`;
    expect(() => scanWellFormed(xml, BASE)).toThrow(DocumentError);
    expect(() => scanWellFormed(xml, BASE)).toThrow(/nesting deeper than 256/);
  });

  it('keeps the first of repeated attributes, however many a tag has', () => {
    const many = Array.from({ length: 40_000 }, (_, i) => ` a${i % 20_000}="${i}"`).join('');
    const xml = `<rss><a${many}/></rss>`;
    const started = performance.now();
    const attrs = scanWellFormed(xml, BASE)!.root.children[0]!.attrs;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(attrs.size).toBe(20_000);
    expect(attrs.get('a5')).toBe('5');
  });

  it('stays linear on long documents without references', () => {
    const xml = `<rss>${'<item><title>Story</title><description>text text text</description></item>\n'.repeat(50_000)}</rss>`;
    const started = performance.now();
    expect(scanWellFormed(xml, BASE)!.root.children).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
