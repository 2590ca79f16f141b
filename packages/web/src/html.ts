/**
 * Markup that is already safe to send: produced by `html` (which escapes what it interpolates)
 * or deliberately trusted with `trustedHtml`. A plain string is never treated as markup.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** What may be interpolated: text (escaped), safe markup (kept), lists of either, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The only way pages build markup: every interpolated value is escaped unless it is SafeHtml,
 * so forgetting to escape is impossible and trusting markup is a visible, searchable act.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Markup inserted as is. Only for HTML that was sanitized before it was stored (an article's
 * contentHtml); everything else goes through `html`.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
