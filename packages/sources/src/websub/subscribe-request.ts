import { randomBytes } from 'node:crypto';

/** WebSub: the secret must be shorter than 200 bytes. */
export const MAX_SECRET_BYTES = 199;

export interface SubscribeRequestInput {
  hub: string;
  topic: string;
  /** PUBLIC_URL/v1/websub/:slug */
  callback: string;
  /** Per source; the hub signs what it pushes with it. Not sent when unsubscribing. */
  secret: string | null;
  /** The lease asked for; the hub decides and says so when it verifies. */
  leaseSeconds: number | null;
  mode: 'subscribe' | 'unsubscribe';
}

/** The form POST that asks a hub to (un)subscribe the callback to the topic (WebSub §5.1). */
export function buildSubscribeRequest(input: SubscribeRequestInput): { url: string; body: URLSearchParams } {
  const body = new URLSearchParams({ 'hub.callback': input.callback, 'hub.mode': input.mode, 'hub.topic': input.topic });
  if (input.mode === 'subscribe') {
    if (input.leaseSeconds !== null) body.set('hub.lease_seconds', String(Math.max(1, Math.round(input.leaseSeconds))));
    if (input.secret !== null) {
      if (Buffer.byteLength(input.secret) > MAX_SECRET_BYTES) throw new RangeError(`a WebSub secret must be shorter than 200 bytes`);
      body.set('hub.secret', input.secret);
    }
  }
  return { url: input.hub, body };
}

/** A fresh per-source secret: 32 random bytes as hex (64 bytes, well under the limit). */
export function newHubSecret(): string {
  return randomBytes(32).toString('hex');
}
