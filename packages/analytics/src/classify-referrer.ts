import { parse } from 'tldts';
import type { ReferrerClass } from '@newsrank/wire';
import { REFERRER_LIST, type ReferrerList } from './referrer-list.ts';

export interface ClassifiedReferrer {
  class: ReferrerClass;
  /** The referring host, lowercased; '' for direct. Never a path or a query. */
  host: string;
}

const DIRECT: ClassifiedReferrer = { class: 'direct', host: '' };

/** The referring page's host, or null when the referrer is empty or not an http(s) URL. */
function referrerHost(referrer: string | null | undefined): string | null {
  if (!referrer) return null;
  try {
    const url = new URL(referrer);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase().replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/** The registrable domain (example.co.jp for news.example.co.jp), or the host itself for an address or an unknown suffix. */
function siteOf(host: string): string {
  return parse(host, { allowPrivateDomains: true }).domain ?? host;
}

/**
 * What kind of page sent a reader to the article: no referrer is direct; a page of the article's
 * own site (or of the page that reported the view) internal; then search and social by the list;
 * anything else other. Only the host is kept.
 */
export function classifyReferrer(
  referrer: string | null | undefined,
  ownHosts: readonly (string | null)[],
  list: ReferrerList = REFERRER_LIST,
): ClassifiedReferrer {
  const host = referrerHost(referrer);
  if (host === null) return DIRECT;
  const site = siteOf(host);
  if (ownHosts.some((own) => own !== null && siteOf(own.toLowerCase()) === site)) return { class: 'internal', host };
  const parsed = parse(host, { allowPrivateDomains: true });
  const name = parsed.domainWithoutSuffix ?? '';
  const matches = (names: readonly string[], hosts: readonly string[]) =>
    names.includes(name) || hosts.includes(host) || hosts.includes(site) || hosts.some((listed) => host.endsWith(`.${listed}`));
  if (matches(list.searchNames, list.searchHosts)) return { class: 'search', host };
  if (matches(list.socialNames, list.socialHosts)) return { class: 'social', host };
  return { class: 'other', host };
}

/** The host of an absolute http(s) URL, or null. */
export function hostOf(url: string | null | undefined): string | null {
  return referrerHost(url);
}
