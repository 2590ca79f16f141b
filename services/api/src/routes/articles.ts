import { Router } from 'express';
import { findArticle, listArticles, listCategories, type Db } from '@newsrank/db';
import { HttpError } from '../http/errors.ts';
import { presentArticle } from '@newsrank/db';
import { decodeCursor, encodeCursor, type PageCursor } from './cursor.ts';
import { DEFAULT_LIMIT, MAX_LIMIT, continueListing } from './article-query.ts';
import { isUuid } from '@newsrank/core';
import type { ArticlePage, Category } from '@newsrank/wire';

export function articleRoutes(db: Db): Router {
  const router = Router();

  router.get('/v1/articles', async (req, res) => {
    const cursor = req.query.cursor === undefined ? undefined : cursorParam(req.query.cursor);
    const requested = {
      category: stringParam(req.query.category, 'category')?.toLowerCase(),
      source: stringParam(req.query.source, 'source')?.toLowerCase(),
      since: dateParam(req.query.since)?.toISOString(),
      limit: req.query.limit === undefined ? undefined : intParam(req.query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    };
    const { query, after } = continueListing(requested, cursor);
    const rows = await listArticles(db, {
      categorySlug: query.category ?? undefined,
      source: query.source ?? undefined,
      since: query.since === null ? undefined : new Date(query.since),
      limit: query.limit + 1,
      after,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor(
            {
              publishedSort: last.published_at ? new Date(last.published_at).toISOString() : '-infinity',
              ingestedAt: new Date(last.ingested_at).toISOString(),
              id: last.id,
            },
            query,
          )
        : null;
    res.json({ items: page.map(presentArticle), nextCursor } satisfies ArticlePage);
  });

  router.get('/v1/articles/:id', async (req, res) => {
    const id = req.params.id;
    const row = isUuid(id) ? await findArticle(db, id) : undefined;
    if (!row) throw new HttpError(404, 'not_found', `no article ${id}`);
    res.json(presentArticle(row));
  });

  router.get('/v1/categories', async (_req, res) => {
    res.json((await listCategories(db)) satisfies Category[]);
  });

  return router;
}

function stringParam(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_parameter', `${name} must be given once`);
  return value;
}

function intParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  const raw = stringParam(value, name);
  if (raw === undefined) return fallback;
  const number = Number(raw);
  if (!/^\d+$/.test(raw) || number < min || number > max)
    throw new HttpError(400, 'invalid_parameter', `${name} must be an integer from ${min} to ${max}`);
  return number;
}

function dateParam(value: unknown): Date | undefined {
  const raw = stringParam(value, 'since');
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || !Number.isFinite(date.getTime()))
    throw new HttpError(400, 'invalid_parameter', 'since must be an ISO-8601 time');
  return date;
}

function cursorParam(value: unknown): PageCursor {
  const cursor = decodeCursor(stringParam(value, 'cursor') ?? '');
  if (!cursor) throw new HttpError(400, 'invalid_cursor', 'cursor is not one this server issued');
  return cursor;
}
