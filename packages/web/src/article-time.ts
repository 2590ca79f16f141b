import { html, type SafeHtml } from './html.ts';
import { formatSourceTime } from './source-time.ts';

/**
 * The publication time as the source prints it, in a <time> every client can read, and an
 * empty label that assets/page.js fills with the same moment in the reader's own zone when that
 * reads differently (it names the source's zone so the script can tell).
 */
export function articleTime(publishedAt: string | null, timeZone: string, withReaderTime: boolean): SafeHtml | null {
  if (publishedAt === null) return null;
  const instant = new Date(publishedAt);
  if (!Number.isFinite(instant.getTime())) return null;
  const sourceTime = html`<time class="nr-source-time" datetime="${publishedAt}">${formatSourceTime(instant, timeZone)}</time>`;
  if (!withReaderTime) return sourceTime;
  return html`${sourceTime}<span class="nr-reader-time" data-reader-time="${publishedAt}" data-source-zone="${timeZone}" hidden></span>`;
}
