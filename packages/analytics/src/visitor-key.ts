import { hash } from 'node:crypto';

/** What a visitor is known by when the page gives no visitorId: never stored, only hashed. */
export interface AnonymousVisitor {
  /** Today's salt (visitor-salt.ts): the same reader is a new visitor tomorrow. */
  salt: string;
  clientAddress: string;
  userAgent: string;
}

// One-shot hash(): a third cheaper than a createHash() object per key, at one key per event.
const digest = (...parts: string[]) => hash('sha256', parts.join('\u0000'), 'hex').slice(0, 16);

/**
 * The 64-bit key a visitor is counted by, as 16 hex digits. A page's own visitorId is hashed
 * too (a raw id never reaches Redis); otherwise the key is a hash of the day's salt, the client
 * address and the User-Agent, as Plausible counts (no cookie; once the salt is gone the key can
 * no longer be recomputed from an address). The two kinds cannot collide: each has its own tag.
 */
export function visitorKey(visitor: { visitorId: string } | AnonymousVisitor): string {
  if ('visitorId' in visitor) return digest('id', visitor.visitorId);
  return digest('anon', visitor.salt, visitor.clientAddress, visitor.userAgent);
}
