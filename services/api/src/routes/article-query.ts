import type { ArticleCursor } from '@newsrank/db';
import { HttpError } from '../http/errors.ts';
import type { PageCursor } from './cursor.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** The listing a page belongs to, normalised so that two spellings of one query compare equal. */
export interface ArticleQuery {
  category: string | null;
  source: string | null;
  /** ISO-8601 UTC, or null for no lower bound. */
  since: string | null;
  limit: number;
}

/** What the request's own parameters say, already normalised; undefined where it says nothing. */
export interface RequestedQuery {
  category?: string | undefined;
  source?: string | undefined;
  since?: string | undefined;
  limit?: number | undefined;
}

const FILTERS = ['category', 'source', 'since'] as const;

/**
 * The query a page answers. Without a cursor it is the request's; with one, the listing the
 * cursor was issued for. Repeating a filter with its value is harmless; naming a different one is
 * refused, since the cursor's position means nothing in another listing and silently answering
 * either listing would be wrong. The page size is not a filter: an explicit limit may change it.
 */
export function continueListing(
  requested: RequestedQuery,
  cursor: PageCursor | undefined,
): { query: ArticleQuery; after: ArticleCursor | undefined } {
  const fromRequest: ArticleQuery = {
    category: requested.category ?? null,
    source: requested.source ?? null,
    since: requested.since ?? null,
    limit: requested.limit ?? DEFAULT_LIMIT,
  };
  if (!cursor) return { query: fromRequest, after: undefined };
  const issued = cursor.query;
  if (!issued) return { query: fromRequest, after: cursor.after };
  for (const name of FILTERS) {
    const given = requested[name];
    if (given !== undefined && given !== issued[name]) {
      const was = issued[name] === null ? 'no ' + name : `${name}=${issued[name]}`;
      throw new HttpError(
        400,
        'cursor_mismatch',
        `the cursor continues a listing with ${was}, not ${name}=${given}; drop the filters to follow it, or drop the cursor to start a new listing`,
      );
    }
  }
  return { query: { ...issued, limit: requested.limit ?? issued.limit }, after: cursor.after };
}
