import type { ArticleCursor } from '@newsrank/db';
import type { ArticleQuery } from './article-query.ts';
import { isUuid } from '@newsrank/core';
import { MAX_LIMIT } from './article-query.ts';

/** Where the next page starts and, for cursors this server issues, the listing it continues. */
export interface PageCursor {
  after: ArticleCursor;
  /** null for a cursor from before cursors carried their query: the request's parameters apply. */
  query: ArticleQuery | null;
}

/**
 * Opaque to clients: base64url JSON of the last article's sort keys and the query. The query
 * rides along so that `?cursor=` alone continues the listing it came from; a client following
 * `nextCursor` need not (and cannot accidentally fail to) repeat its filters.
 */
export function encodeCursor(after: ArticleCursor, query: ArticleQuery): string {
  const keys = [after.publishedSort, after.ingestedAt, after.id];
  return Buffer.from(JSON.stringify({ k: keys, q: [query.category, query.source, query.since, query.limit] })).toString('base64url');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

export function decodeCursor(raw: string): PageCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  // The earlier format, a bare array of sort keys, may still sit in a client's hands.
  if (Array.isArray(value)) {
    const after = sortKeys(value);
    return after && { after, query: null };
  }
  if (typeof value !== 'object' || value === null) return null;
  const { k, q } = value as { k?: unknown; q?: unknown };
  const after = sortKeys(k);
  const query = queryOf(q);
  return after && query ? { after, query } : null;
}

function sortKeys(value: unknown): ArticleCursor | null {
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [publishedSort, ingestedAt, id] = value as unknown[];
  if (typeof publishedSort !== 'string' || (publishedSort !== '-infinity' && !ISO.test(publishedSort))) return null;
  if (typeof ingestedAt !== 'string' || !ISO.test(ingestedAt) || !isUuid(id)) return null;
  return { publishedSort, ingestedAt, id };
}

const nullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

function queryOf(value: unknown): ArticleQuery | null {
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [category, source, since, limit] = value as unknown[];
  if (!nullableString(category) || !nullableString(source) || !nullableString(since)) return null;
  if (since !== null && !ISO.test(since)) return null;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return null;
  return { category, source, since, limit };
}
