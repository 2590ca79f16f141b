import { describe, expect, it } from 'vitest';
import { html, trustedHtml } from './html.ts';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const title = `<img src=x onerror=alert(1)> & "quotes" 'too'`;
    expect(html`<a title="${title}">${title}</a>`.value).toBe(
      '<a title="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;too&#39;">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;too&#39;</a>',
    );
  });

  it('keeps nested templates and trusted markup as they are', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${trustedHtml('<em>kept</em>')}</p>`.value).toBe('<p><b>&lt;i&gt;</b><em>kept</em></p>');
  });

  it('joins lists and drops null, undefined and false', () => {
    expect(html`<ul>${['a<', 'b'].map((item) => html`<li>${item}</li>`)}${null}${undefined}${false}</ul>`.value).toBe(
      '<ul><li>a&lt;</li><li>b</li></ul>',
    );
  });

  it('prints numbers, zero included', () => {
    expect(html`${0} ${42}`.value).toBe('0 42');
  });
});
