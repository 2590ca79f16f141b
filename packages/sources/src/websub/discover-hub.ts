export interface HubDiscoveryInput {
  /** `Link: <…>; rel="hub"` / `rel="self"` of the HTTP answer (fetchFeed's hubLinks / selfLinks). */
  hubLinks: string[];
  selfLinks: string[];
  /** `<link rel="hub">`, `<atom:link rel="hub">`, JSON Feed `hubs` of the document itself. */
  documentHubs: string[];
  documentSelf: string | null;
  /** The URL the document came from, after redirects. */
  fetchedUrl: string;
}

/**
 * The hub to subscribe at and the topic to subscribe to, or null for a feed that names no hub.
 * HTTP Link headers come before the document's own links (WebSub §4); the topic is the feed's
 * self URL, else the URL it was fetched from. Only absolute http(s) URLs count.
 */
export function discoverHub(input: HubDiscoveryInput): { hub: string; topic: string } | null {
  const hub = firstHttpUrl([...input.hubLinks, ...input.documentHubs], input.fetchedUrl);
  if (hub === null) return null;
  const self = input.documentSelf === null ? [] : [input.documentSelf];
  const topic = firstHttpUrl([...input.selfLinks, ...self, input.fetchedUrl], input.fetchedUrl);
  return topic === null ? null : { hub, topic };
}

function firstHttpUrl(candidates: readonly string[], base: string): string | null {
  for (const candidate of candidates) {
    const url = URL.parse(candidate.trim(), base);
    if (url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '')
      return url.href;
  }
  return null;
}
