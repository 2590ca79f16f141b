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

/** A class the list gives a host, whatever page it links to. */
type ListedClass = Extract<ReferrerClass, 'search' | 'social' | 'other'>;

interface HostParts {
  /** The registrable domain (example.co.jp for news.example.co.jp), or the host itself for an address or an unknown suffix. */
  site: string;
  listed: ListedClass;
}

const asSets = (list: ReferrerList) => ({
  search: { names: new Set(list.searchNames), hosts: new Set(list.searchHosts) },
  social: { names: new Set(list.socialNames), hosts: new Set(list.socialHosts) },
});
const LISTS = asSets(REFERRER_LIST);

/** The host, its registrable domain or a parent domain of the host (a.b.c: b.c, c) is listed. */
function hostListed(hosts: ReadonlySet<string>, host: string, site: string): boolean {
  if (hosts.has(host) || hosts.has(site)) return true;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    if (hosts.has(host.slice(dot + 1))) return true;
  }
  return false;
}

function listedClass(host: string, site: string, name: string): ListedClass {
  for (const kind of ['search', 'social'] as const) {
    const { names, hosts } = LISTS[kind];
    if (names.has(name) || hostListed(hosts, host, site)) return kind;
  }
  return 'other';
}

// Hosts repeat from event to event (a few search engines, the site itself): the public suffix
// lookup and the list's verdict are made once per host. Bounded: past the limit it starts afresh.
const MAX_REMEMBERED_HOSTS = 10_000;
const hostParts = new Map<string, HostParts>();

function partsOf(host: string): HostParts {
  let parts = hostParts.get(host);
  if (parts === undefined) {
    const parsed = parse(host, { allowPrivateDomains: true });
    const site = parsed.domain ?? host;
    parts = { site, listed: listedClass(host, site, parsed.domainWithoutSuffix ?? '') };
    if (hostParts.size >= MAX_REMEMBERED_HOSTS) hostParts.clear();
    hostParts.set(host, parts);
  }
  return parts;
}

// An article's URL comes with every view of it: its site is looked up once per URL.
const ownSites = new Map<string, string | null>();

function siteOfUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let site = ownSites.get(url);
  if (site === undefined) {
    const host = referrerHost(url);
    site = host === null ? null : partsOf(host).site;
    if (ownSites.size >= MAX_REMEMBERED_HOSTS) ownSites.clear();
    ownSites.set(url, site);
  }
  return site;
}

/**
 * What kind of page sent a reader to the article: no referrer is direct; a page of the site of
 * one of `ownUrls` (the article's URL, the page that reported the view) internal; then search and
 * social by the list; anything else other. Only the host is kept.
 */
export function classifyReferrer(referrer: string | null | undefined, ownUrls: readonly (string | null | undefined)[]): ClassifiedReferrer {
  const host = referrerHost(referrer);
  if (host === null) return DIRECT;
  const { site, listed } = partsOf(host);
  if (ownUrls.some((own) => siteOfUrl(own) === site)) return { class: 'internal', host };
  return { class: listed, host };
}
