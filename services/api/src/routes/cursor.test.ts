import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.ts';
import { continueListing, type ArticleQuery } from './article-query.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const after = {
  publishedSort: '2025-01-13T09:42:00.000Z',
  ingestedAt: '2025-01-13T10:00:00.000Z',
  id: '0b8f8a8e-4b1e-4c57-9d0e-3f1f2a8c9d10',
};
const query: ArticleQuery = { category: 'politics', source: 'paper', since: '2025-01-01T00:00:00.000Z', limit: 5 };

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('page cursors', () => {
  it('carry the position and the query they were issued for', () => {
    expect(decodeCursor(encodeCursor(after, query))).toEqual({ after, query });
    const unfiltered = { category: null, source: null, since: null, limit: 20 };
    expect(decodeCursor(encodeCursor({ ...after, publishedSort: '-infinity' }, unfiltered))).toEqual({
      after: { ...after, publishedSort: '-infinity' },
      query: unfiltered,
    });
  });

  it('still read the earlier position-only format', () => {
    const legacy = Buffer.from(JSON.stringify([after.publishedSort, after.ingestedAt, after.id])).toString('base64url');
    expect(decodeCursor(legacy)).toEqual({ after, query: null });
  });

  it('refuse anything this server did not issue', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const raw of [
      'garbage',
      '',
      encode({ k: [after.publishedSort, after.ingestedAt, after.id] }),
      encode({ k: [after.publishedSort, after.ingestedAt, 'x'], q: [null, null, null, 20] }),
      encode({ k: [after.publishedSort, after.ingestedAt, after.id], q: [null, null, null, 101] }),
      encode({ k: [after.publishedSort, after.ingestedAt, after.id], q: [null, null, 'yesterday', 20] }),
    ]) {
      expect(decodeCursor(raw)).toBeNull();
    }
  });
});

describe('continueListing', () => {
  it('without a cursor answers the request, at 20 items by default', () => {
    expect(continueListing({ category: 'world' }, undefined)).toEqual({
      query: { category: 'world', source: null, since: null, limit: 20 },
      after: undefined,
    });
  });

  it('with a cursor alone continues the listing the cursor came from', () => {
    expect(continueListing({}, { after, query })).toEqual({ query, after });
  });

  it('accepts the same filters repeated and a different page size', () => {
    expect(
      continueListing({ category: 'politics', source: 'paper', since: query.since ?? undefined, limit: 50 }, { after, query }),
    ).toEqual({ query: { ...query, limit: 50 }, after });
  });

  it('refuses a filter that differs from the one the cursor was made for', () => {
    for (const requested of [{ category: 'world' }, { source: 'other' }, { since: '2024-01-01T00:00:00.000Z' }]) {
      const error = refusal(() => continueListing(requested, { after, query }));
      expect(error.status).toBe(400);
      expect(error.code).toBe('cursor_mismatch');
    }
    const unfiltered = { category: null, source: null, since: null, limit: 20 };
    expect(refusal(() => continueListing({ category: 'world' }, { after, query: unfiltered })).message).toMatch(/no category/);
  });

  it('lets a position-only cursor take its query from the request', () => {
    expect(continueListing({ category: 'world', limit: 3 }, { after, query: null })).toEqual({
      query: { category: 'world', source: null, since: null, limit: 3 },
      after,
    });
  });
});
