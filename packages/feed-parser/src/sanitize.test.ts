import { describe, expect, it } from 'vitest';
import { sanitizeHtml, toPlainSummary, toPlainText } from './sanitize.ts';

const BASE = 'https://news.example/world/story.html';

describe('sanitizeHtml', () => {
  it.each([
    ['<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
    ['<p>Hi<SCRIPT SRC=//evil.example/x.js></SCRIPT></p>', '<p>Hi</p>'],
    ['<style>body{display:none}</style><p>x</p>', '<p>x</p>'],
    ['<img src="a.png" onerror="alert(1)">', '<img src="https://news.example/world/a.png" />'],
    ['<p onclick="x()" onmouseover=y()>t</p>', '<p>t</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" &#14;  javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java\nscript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a>x</a>'],
    ['<img src="data:image/png;base64,iVBORw0KGgo=">', ''],
    ['<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">t</a></svg>ok', 'ok'],
    ['<svg onload=alert(1)>', ''],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="y">z', 'z'],
    ['<form action="https://evil.example"><input name="q"><button>go</button></form>after', 'after'],
    ['<p style="background:url(javascript:alert(1))">t</p>', '<p>t</p>'],
    ['<div class="x" id="y">t</div>', '<div>t</div>'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ''],
    ['<!--<img src=x onerror=alert(1)>-->t', 't'],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">t', 't'],
    ['<base href="javascript:alert(1)//">t', 't'],
    ['a\u0000b', 'ab'],
  ])('neutralises %j', (input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });

  it.each([
    ['<p>A <em>b</em> <strong>c</strong> <code>d</code></p>'],
    ['<ul><li>one</li></ul><ol start="3"><li>two</li></ol>'],
    ['<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>'],
    ['<h2>Heading</h2><blockquote>quote</blockquote><pre>pre</pre><br />'],
    ['<figure><img src="https://cdn.example/p.jpg" alt="Alt" /><figcaption>Cap</figcaption></figure>'],
    ['<a href="https://other.example/page?a=1&amp;b=2">link</a>'],
    ['<a href="mailto:desk@news.example">mail</a>'],
  ])('keeps ordinary article markup: %s', (input) => {
    expect(sanitizeHtml(input, BASE)).toBe(input);
  });

  it.each([
    ['<a href="/europe/">x</a>', '<a href="https://news.example/europe/">x</a>'],
    ['<a href="next.html">x</a>', '<a href="https://news.example/world/next.html">x</a>'],
    ['<img src="//cdn.example/p.jpg">', '<img src="https://cdn.example/p.jpg" />'],
  ])('resolves relative links against the base: %s', (input, expected) => {
    expect(sanitizeHtml(input, BASE)).toBe(expected);
  });

  it('leaves relative links alone without a base', () => {
    expect(sanitizeHtml('<a href="/europe/">x</a>')).toBe('<a href="/europe/">x</a>');
  });
});

describe('toPlainText', () => {
  it.each([
    ['<p>Hello&nbsp;<b>world</b></p><p>Next</p>', 'Hello world Next'],
    ['1 &lt; 2 &amp;&amp; 3 &gt; 2', '1 < 2 && 3 > 2'],
    ['1 < 2 and 3 > 2', '1 < 2 and 3 > 2'],
    ['<script>var a = "<p>";</script>Text<style>p{}</style>', 'Text'],
    ['Line one<br>line two', 'Line one line two'],
    ['  spaced \n\t out  ', 'spaced out'],
    ['<!-- hidden -->shown', 'shown'],
    ['don\u0092t', 'don’t'],
    ['â\u0080¦ but not é\u00A0…', '… but not é …'],
    ['', null],
    ['<p> </p>', null],
  ])('reads %j as %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });
});

describe('toPlainSummary', () => {
  it('keeps short text whole', () => {
    expect(toPlainSummary('<p>Short story.</p>')).toBe('Short story.');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const summary = toPlainSummary(`<p>${'word '.repeat(300)}</p>`)!;
    expect(summary.length).toBeLessThanOrEqual(500);
    expect(summary.endsWith('word…')).toBe(true);
  });

  it('cuts text without spaces at the limit', () => {
    const summary = toPlainSummary('日本語'.repeat(300))!;
    expect(summary.length).toBe(500);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('honours a smaller limit', () => {
    expect(toPlainSummary('one two three four five', 16)).toBe('one two three…');
  });

  it('stays linear on huge markup', () => {
    const started = performance.now();
    toPlainSummary('<b>x</b><script>y</script>'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
