import { REFERRER_CLASSES, type ReferrerClass, type ReferrerSplit } from '@newsrank/wire';
import { html, type SafeHtml } from '../html.ts';
import { coordinate, formatCount, formatShare } from './chart-numbers.ts';

export const REFERRER_NAMES: Record<ReferrerClass, string> = {
  direct: 'Direct',
  internal: 'Internal',
  search: 'Search',
  social: 'Social',
  other: 'Other sites',
};

export interface ReferrerBarOptions {
  width?: number;
  height?: number;
}

/** One bar split by where views came from, in a fixed order so two bars compare at a glance. */
export function referrerBar(split: ReferrerSplit, options: ReferrerBarOptions = {}): SafeHtml {
  const width = options.width ?? 480;
  const height = options.height ?? 22;
  const total = REFERRER_CLASSES.reduce((sum, name) => sum + split[name], 0);
  const frame = (label: string, body: SafeHtml) =>
    html`<svg class="nr-refbar" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${label}"><title>${label}</title>${body}</svg>`;
  if (total === 0) {
    return frame('Referrers: no data', html`<rect class="nr-ref-none" x="0" y="0" width="${width}" height="${height}"></rect>`);
  }
  let offset = 0;
  const segments: SafeHtml[] = [];
  for (const name of REFERRER_CLASSES) {
    const count = split[name];
    if (count <= 0) continue;
    const segment = (count / total) * width;
    segments.push(
      html`<rect class="nr-ref-${name}" x="${coordinate(offset)}" y="0" width="${coordinate(segment)}" height="${height}"><title>${REFERRER_NAMES[name]}: ${formatCount(count)} (${formatShare(count, total)})</title></rect>`,
    );
    offset += segment;
  }
  const summary = REFERRER_CLASSES.filter((name) => split[name] > 0)
    .map((name) => `${REFERRER_NAMES[name]} ${formatShare(split[name], total)}`)
    .join(', ');
  return frame(`Referrers: ${summary}`, html`${segments}`);
}
