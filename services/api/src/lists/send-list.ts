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
  res.set({ etag: `"${list.etag.replace(/"/g, '')}.${limit}"`, 'cache-control': cacheControl, 'access-control-allow-origin': '*' });
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.json({ ...list.body, items: list.body.items.slice(0, limit) });
}

/** What a list that was never published looks like: empty, generated never. */
export function emptyList(body: ListDocument['body']): ListDocument {
  return { etag: listEtag(body), body };
}
