import type { Request, Response } from 'express';
import { listEtag } from '@newsrank/ranking';

export type ListDocument = { etag: string; body: { items: readonly unknown[] } & Record<string, unknown> };

/** Lists change about once a second at most: a second of caching costs a reader nothing. */
export const LIVE_CACHE_CONTROL = 'public, max-age=1';
/** A list as it was at a past moment does not change (`?at=` in the future is not cached). */
export const HISTORY_CACHE_CONTROL = 'public, max-age=300';

/**
 * Answers with the first `limit` items of a list, or 304 when the client holds this very
 * representation. The ETag is the list's own, with the limit added: two limits are two bodies.
 */
export function sendList(req: Request, res: Response, list: ListDocument, limit: number, cacheControl: string): void {
  const etag = `"${list.etag.replace(/"/g, '')}.${limit}"`;
  // CORS headers come from the CORS_ORIGINS middleware in front of the list routes.
  res.set({ etag, 'cache-control': cacheControl });
  if (matchesIfNoneMatch(req.get('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  res.json({ ...list.body, items: list.body.items.slice(0, limit) });
}

/** What a list that was never published looks like: empty, generated never. */
export function emptyList(body: ListDocument['body']): ListDocument {
  return { etag: listEtag(body), body };
}

/**
 * If-None-Match by weak comparison (RFC 9110 §13.1.2). Unlike `req.fresh`, a request's
 * `Cache-Control: no-cache` does not force a full answer: it asks caches on the way to
 * revalidate with the origin, and this comparison is that revalidation (fetch() adds no-cache
 * to every conditional request).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
