import { isTrackingParam } from './tracking-params.ts';

/**
 * The identity form of an article URL: scheme and host lower-cased (by URL), default port,
 * fragment and tracking parameters (tracking-params.ts: `utm_*`, `fbclid`, `gclid`…) dropped. Path and the
 * remaining query are kept as sent: on many news sites they are case-sensitive identifiers.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Every setter re-serialises the URL (this runs for each key of each story stored): only
  // those that change something are called. A fragment, however empty, starts at a '#'.
  if (raw.includes('#')) url.hash = '';
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
  }
  if (url.search) {
    for (const name of [...url.searchParams.keys()]) {
      if (isTrackingParam(name)) url.searchParams.delete(name);
    }
  }
  // URLSearchParams re-serialises the query; only rewrite it when something was removed.
  if (url.search === '?') url.search = '';
  return url.toString();
}
