import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, decode } from './encoding.ts';

const xml = (charset: string, body: string) => `<?xml version="1.0" encoding="${charset}"?><t>${body}</t>`;

describe('decode', () => {
  it.each([
    ['Shift_JIS', 'shift_jis', '日本語のニュース～①'],
    ['EUC-JP', 'euc-jp', '日本語のニュース'],
    ['ISO-2022-JP', 'iso-2022-jp', '日本語のニュース'],
    ['GB18030', 'gb18030', '中文新闻'],
    ['GBK', 'gb18030', '中文新闻'],
    ['GB2312', 'gb18030', '中文新闻'],
    ['Big5', 'big5', '中文新聞'],
    ['EUC-KR', 'euc-kr', '한국어 뉴스'],
    ['windows-1250', 'windows-1250', 'Zażółć gęślą jaźń'],
    ['windows-1251', 'windows-1251', 'Новости дня'],
    ['windows-1252', 'windows-1252', '“Curly” €5 — café'],
    ['windows-1253', 'windows-1253', 'Ειδήσεις'],
    ['windows-1254', 'windows-1254', 'Haberler ğış'],
    ['windows-1255', 'windows-1255', 'חדשות'],
    ['windows-1256', 'windows-1256', 'أخبار'],
    ['windows-1257', 'windows-1257', 'Žinios ąčę'],
    ['windows-1258', 'windows-1258', 'ĐƠN Ư €'],
    ['ISO-8859-2', 'iso-8859-2', 'Zażółć'],
    ['ISO-8859-5', 'iso-8859-5', 'Новости'],
    ['ISO-8859-7', 'iso-8859-7', 'Ειδήσεις'],
    ['ISO-8859-15', 'iso-8859-15', 'œuvre €'],
    ['KOI8-R', 'koi8-r', 'Новости дня'],
    ['cp866', 'ibm866', 'Новости дня'],
  ])('decodes %s declared in the XML declaration', (label, encoding, text) => {
    const bytes =
      label === 'ISO-2022-JP'
        ? iso2022jp(xml(label, text))
        : iconv.encode(xml(label, text), label === 'GB2312' || label === 'GBK' ? 'gb18030' : label);
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(xml(label, text));
    expect(decoded.warnings).toEqual([]);
  });

  it('reads ISO-8859-1 labels as windows-1252, as browsers do', () => {
    const decoded = decode(
      Uint8Array.from([...Buffer.from('<t>'), 0x93, 0x68, 0x69, 0x94, ...Buffer.from('</t>')]),
      'text/xml; charset=ISO-8859-1',
    );
    expect(decoded).toMatchObject({ encoding: 'windows-1252', text: '<t>“hi”</t>' });
  });

  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf], 'utf-8', 'utf8'],
    ['UTF-16LE BOM', [0xff, 0xfe], 'utf-16le', 'utf16le'],
    ['UTF-16BE BOM', [0xfe, 0xff], 'utf-16be', 'utf16be'],
  ])('lets a %s win over every declaration', (_name, bom, encoding, iconvName) => {
    const body = iconv.encode(xml('Shift_JIS', 'é日本'), iconvName);
    const decoded = decode(Uint8Array.from([...bom, ...body]), 'text/xml; charset=windows-1251');
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(xml('Shift_JIS', 'é日本'));
  });

  it.each([
    ['utf-16le', '<?xml version="1.0"?><t>日本</t>'],
    ['utf-16be', '<?xml version="1.0"?><t>日本</t>'],
    ['utf-16le', '{"items": []}'],
  ])('recognises %s without a byte order mark', (encoding, text) => {
    expect(decode(iconv.encode(text, encoding))).toMatchObject({ encoding, text });
  });

  it('prefers the Content-Type charset over the XML declaration', () => {
    const bytes = iconv.encode(xml('windows-1252', 'Новости'), 'koi8-r');
    expect(decode(bytes, 'application/rss+xml; charset="KOI8-R"')).toMatchObject({ encoding: 'koi8-r' });
  });

  it('prefers the XML declaration over an HTML meta charset', () => {
    const doc = '<?xml version="1.0" encoding="euc-jp"?><html><head><meta charset="shift_jis"></head>日本</html>';
    expect(decode(iconv.encode(doc, 'euc-jp')).encoding).toBe('euc-jp');
  });

  it.each([['<meta charset="Shift_JIS">'], ['<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">']])(
    'reads the HTML %s',
    (meta) => {
      const doc = `<!doctype html><html><head>${meta}<title>日本語</title></head></html>`;
      expect(decode(iconv.encode(doc, 'shift_jis'))).toMatchObject({ encoding: 'shift_jis', text: doc });
    },
  );

  it('lets valid UTF-8 bytes override a wrong legacy declaration, with a warning', () => {
    const decoded = decode(Buffer.from(xml('ISO-8859-1', 'café 日本')));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(xml('ISO-8859-1', 'café 日本'));
    expect(decoded.warnings.join()).toMatch(/encoding override/);
  });

  it('keeps a legacy declaration for pure-ASCII bytes without a warning', () => {
    expect(decode(Buffer.from(xml('windows-1251', 'plain')))).toMatchObject({ encoding: 'windows-1251', warnings: [] });
  });

  it('falls back to UTF-8 for an unknown charset when the bytes are UTF-8', () => {
    const decoded = decode(Buffer.from(xml('x-klingon', 'café')));
    expect(decoded).toMatchObject({ encoding: 'utf-8', text: xml('x-klingon', 'café') });
    expect(decoded.warnings.join()).toMatch(/unknown charset "x-klingon"/);
  });

  it('falls back to windows-1252 for an unknown charset when the bytes are not UTF-8', () => {
    const decoded = decode(iconv.encode(xml('x-klingon', 'café “x”'), 'windows-1252'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', text: xml('x-klingon', 'café “x”') });
    expect(decoded.warnings.length).toBe(2);
  });

  it('replaces stray bytes in otherwise UTF-8 text instead of garbling everything', () => {
    const bytes = Uint8Array.from([...Buffer.from('<t>日本語 '), 0xff, ...Buffer.from(' ニュース</t>')]);
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe('<t>日本語 \uFFFD ニュース</t>');
    expect(decoded.warnings.join()).toMatch(/invalid UTF-8/);
  });

  it('recognises undeclared ISO-2022-JP from its escape sequences', () => {
    expect(decode(iso2022jp('<t>日本</t>'))).toMatchObject({ encoding: 'iso-2022-jp', text: '<t>日本</t>' });
  });
});

describe('canonicalEncoding', () => {
  it.each([
    ['UTF8', 'utf-8'],
    ['latin1', 'windows-1252'],
    ['x-sjis', 'shift_jis'],
    ['ks_c_5601-1987', 'euc-kr'],
    ['csKOI8R', 'koi8-r'],
    ['x-mac-roman', 'macintosh'],
    ['no-such-charset', null],
  ])('maps the label %s to %s', (label, expected) => {
    expect(canonicalEncoding(label)).toBe(expected);
  });
});

/** ISO-2022-JP bytes: iconv-lite cannot encode it, so EUC-JP pairs are shifted down by hand. */
function iso2022jp(text: string): Uint8Array {
  const out: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const euc = iconv.encode(ch, 'euc-jp');
    const wide = euc.length === 2;
    if (wide !== kanji) {
      out.push(...(wide ? [0x1b, 0x24, 0x42] : [0x1b, 0x28, 0x42]));
      kanji = wide;
    }
    out.push(...(wide ? [euc[0]! & 0x7f, euc[1]! & 0x7f] : [...euc]));
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}
