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
