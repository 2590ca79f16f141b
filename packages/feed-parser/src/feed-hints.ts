import type { DeclaredCadence, FeedLinks } from './types.ts';

/** A document that declares nothing about its cadence (Atom, JSON Feed, pages). */
export function noCadence(): DeclaredCadence {
  return { ttlMinutes: null, updatePeriod: null, updateFrequency: null, skipHours: [], skipDays: [] };
}

export function noLinks(): FeedLinks {
  return { siteUrl: null, hubs: [], self: null };
}

/** An absolute http(s) URL from a link as written, or null. */
export function absoluteLink(raw: string | null, base: string | null): string | null {
  if (raw === null) return null;
  const url = URL.parse(raw.trim(), base ?? undefined);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

/** Adds a hub once; a feed names a handful at most, so a few are kept. */
export function addHub(links: FeedLinks, hub: string | null): void {
  if (hub !== null && !links.hubs.includes(hub) && links.hubs.length < MAX_HUBS) links.hubs.push(hub);
}

const MAX_HUBS = 8;
