import { absoluteLink, addHub, noCadence, noLinks } from '../feed-hints.ts';
import type { DeclaredCadence, FeedLinks } from '../types.ts';
import { nonBlank } from './extensions.ts';
import { attr, textOf } from './read.ts';
import type { XmlElement } from './tree.ts';

const PERIODS = new Set(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** A year of minutes: a longer ttl is read as a year. */
const MAX_TTL_MINUTES = 525_600;

/** RSS `ttl`, `sy:updatePeriod` / `sy:updateFrequency`, `skipHours` and `skipDays` of a channel. */
export function readRssCadence(channel: XmlElement): DeclaredCadence {
  const cadence = noCadence();
  for (const c of channel.children) {
    switch (c.key) {
      case 'ttl': {
        const minutes = positiveInteger(textOf(c));
        if (minutes !== null) cadence.ttlMinutes ??= Math.min(minutes, MAX_TTL_MINUTES);
        break;
      }
      case 'sy:updateperiod': {
        const period = nonBlank(textOf(c))?.toLowerCase();
        if (period !== undefined && PERIODS.has(period)) cadence.updatePeriod ??= period as DeclaredCadence['updatePeriod'];
        break;
      }
      case 'sy:updatefrequency':
        cadence.updateFrequency ??= positiveInteger(textOf(c));
        break;
      case 'skiphours':
        for (const hour of c.children) {
          const h = hour.key === 'hour' ? wholeNumber(textOf(hour)) : null;
          // RSS 0.91 counted hours 1–24; 24 is midnight.
          if (h !== null && h <= 24 && !cadence.skipHours.includes(h % 24)) cadence.skipHours.push(h % 24);
        }
        break;
      case 'skipdays':
        for (const day of c.children) {
          const d = day.key === 'day' ? DAYS.indexOf(nonBlank(textOf(day))?.toLowerCase() ?? '') : -1;
          if (d !== -1 && !cadence.skipDays.includes(d)) cadence.skipDays.push(d);
        }
        break;
    }
  }
  cadence.skipHours.sort((a, b) => a - b);
  cadence.skipDays.sort((a, b) => a - b);
  return cadence;
}

/**
 * `rel="hub"` and `rel="self"` links among an RSS channel's or an Atom feed's children: Atom
 * `<link>` (namespaced in RSS, plain in Atom) and, in RSS, plain `<link>`s written with a rel.
 */
export function readLinkRelations(parent: XmlElement, siteUrl: string | null, baseUrl: string | null): FeedLinks {
  const links = noLinks();
  links.siteUrl = siteUrl;
  for (const c of parent.children) {
    if (c.local !== 'link' || (c.key !== 'link' && c.key !== 'atom:link')) continue;
    const rel = attr(c, 'rel')?.toLowerCase();
    if (rel !== 'hub' && rel !== 'self') continue;
    const href = absoluteLink(attr(c, 'href'), c.base ?? baseUrl);
    if (rel === 'hub') addHub(links, href);
    else links.self ??= href;
  }
  return links;
}

function positiveInteger(text: string | null): number | null {
  const n = wholeNumber(text);
  return n !== null && n > 0 ? n : null;
}

function wholeNumber(text: string | null): number | null {
  const t = nonBlank(text);
  return t !== null && /^\d{1,9}$/.test(t) ? Number(t) : null;
}
