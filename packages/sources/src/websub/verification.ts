/** How the subscriber answers a hub's verification GET (WebSub §5.3) once it has read it. */
export type HubVerification =
  /** Echo `challenge` with 200; the lease, when given, says when to renew. */
  | { kind: 'verify'; mode: 'subscribe' | 'unsubscribe'; challenge: string; leaseSeconds: number | null }
  /** The hub refused the subscription (200, nothing to echo). */
  | { kind: 'denied'; reason: string | null }
  /** Not a request this subscriber made: answer 404. */
  | { kind: 'invalid'; message: string };

const MAX_CHALLENGE = 1024;

/**
 * Reads the hub's query (`hub.mode`, `hub.topic`, `hub.challenge`, `hub.lease_seconds`,
 * `hub.reason`) against the topic the source is subscribed to and, when known, the mode the
 * subscriber asked for.
 */
export function readHubVerification(
  query: URLSearchParams,
  expected: { topic: string; mode?: 'subscribe' | 'unsubscribe' },
): HubVerification {
  const mode = query.get('hub.mode');
  const topic = query.get('hub.topic');
  if (topic === null || !sameUrl(topic, expected.topic))
    return { kind: 'invalid', message: 'hub.topic is not the topic of this subscription' };
  if (mode === 'denied') return { kind: 'denied', reason: query.get('hub.reason')?.slice(0, 500) ?? null };
  if (mode !== 'subscribe' && mode !== 'unsubscribe')
    return { kind: 'invalid', message: 'hub.mode must be subscribe, unsubscribe or denied' };
  if (expected.mode !== undefined && mode !== expected.mode) return { kind: 'invalid', message: `no ${mode} request is pending` };
  const challenge = query.get('hub.challenge');
  if (challenge === null || challenge === '' || challenge.length > MAX_CHALLENGE)
    return { kind: 'invalid', message: 'hub.challenge is missing or too long' };
  const lease = query.get('hub.lease_seconds');
  const leaseSeconds = lease !== null && /^\d{1,10}$/.test(lease) ? Number(lease) : null;
  return { kind: 'verify', mode, challenge, leaseSeconds };
}

function sameUrl(a: string, b: string): boolean {
  return (URL.parse(a)?.href ?? a) === (URL.parse(b)?.href ?? b);
}
