import type { RequestHandler } from 'express';
import type { CorsOrigins } from '@newsrank/config';
import { allowCrossOriginEmbedding } from './security-headers.ts';

/** The endpoints news pages call from the browser: the view beacon and the lists (and their stream). */
export const EMBEDDABLE_PATHS = ['/v1/events', '/v1/hit', '/v1/ranking', '/v1/popular', '/v1/trending'];

/**
 * One of those paths or below it (`/v1/ranking/stream`), as mounting a middleware on them would
 * match. Checked here rather than by mounting: a mount makes Express match every request against
 * each path and rewrite the URL of those that match, on the two busiest routes. Case-insensitive,
 * like Express's routing.
 */
export function isEmbeddablePath(path: string): boolean {
  const lower = path.toLowerCase();
  return EMBEDDABLE_PATHS.some((exact, i) => lower === exact || lower.startsWith(EMBEDDABLE_PREFIXES[i] as string));
}
const EMBEDDABLE_PREFIXES = EMBEDDABLE_PATHS.map((path) => `${path}/`);

/** Headers a page's script may read: list revalidation, rate limiting, request tracing. */
const EXPOSED_HEADERS = 'etag, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, x-request-id';

/**
 * CORS for the embeddable endpoints, from CORS_ORIGINS. No credentials are ever allowed, so
 * `*` is safe for public data; a list of origins answers each with its own origin (and
 * `Vary: Origin` so caches keep them apart). Preflight requests end here with 204.
 */
export function embeddableCors(origins: CorsOrigins): RequestHandler {
  return (req, res, next) => {
    if (!isEmbeddablePath(req.path)) {
      next();
      return;
    }
    const origin = req.get('origin');
    const allowed = origins === '*' ? '*' : origin !== undefined && origins.includes(origin) ? origin : null;
    if (origins !== '*') res.vary('Origin');
    // setHeader, not Express's res.set: these are plain values on the busiest answers.
    if (allowed !== null) {
      res.setHeader('access-control-allow-origin', allowed);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined) {
      if (allowed !== null) {
        res.set({
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '86400',
        });
      }
      res.status(204).end();
      return;
    }
    allowCrossOriginEmbedding(req, res, next);
  };
}
