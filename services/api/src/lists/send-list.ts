import type { Request, Response } from 'express';
import { matchesIfNoneMatch } from '@newsrank/core';
import type { ListDocument } from '@newsrank/published-lists';
import { sendJsonText } from '../http/send-json.ts';

/** Lists change about once a second at most: a second of caching costs a reader nothing. */
export const LIVE_CACHE_CONTROL = 'public, max-age=1';
/** A list as it was at a past moment does not change (`?at=` in the future is not cached). */
export const HISTORY_CACHE_CONTROL = 'public, max-age=300';

/**
 * Answers with the first `limit` items of a list, or 304 when the client holds this very
 * representation. The ETag is the list's own, with the limit added: two limits are two bodies.
 */
export function sendList(req: Request, res: Response, list: ListDocument, limit: number, cacheControl: string): void {
  const { etag, text, byteLength } = representation(list, limit);
  // CORS headers come from the CORS_ORIGINS middleware in front of the list routes.
  res.setHeader('etag', etag);
  res.setHeader('cache-control', cacheControl);
  if (matchesIfNoneMatch(req.get('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  sendJsonText(res, 200, text, byteLength);
}

interface Representation {
  etag: string;
  text: string;
  byteLength: number;
}

/**
 * A published version never changes, and the API serves the same few (version, limit) pairs
 * thousands of times a second: each is serialised once, on first request, and kept as long as
 * the version object itself (a newer version replaces it in the ListStore and this goes too).
 */
const representations = new WeakMap<ListDocument['body'], Map<number, Representation>>();

function representation(list: ListDocument, limit: number): Representation {
  let byLimit = representations.get(list.body);
  if (!byLimit) representations.set(list.body, (byLimit = new Map()));
  let cached = byLimit.get(limit);
  if (!cached) {
    const text = JSON.stringify({ ...list.body, items: list.body.items.slice(0, limit) });
    cached = { etag: `"${list.etag.replace(/"/g, '')}.${limit}"`, text, byteLength: Buffer.byteLength(text) };
    byLimit.set(limit, cached);
  }
  return cached;
}
