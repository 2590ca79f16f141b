import { hash } from 'node:crypto';

/**
 * The dedup key of a client's eventId: the first 128 bits of its SHA-256, spelled as a uuid.
 * Fixed-size keys keep the dedup index small whatever ids clients invent (up to 128 characters),
 * and a collision between two real ids is as unlikely as one between two random uuids.
 */
export function eventKey(eventId: string): string {
  const hex = hash('sha256', eventId, 'hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
