import { Router, type Request, type Response } from 'express';
import { slugify } from '@newsrank/core';
import { findPublishedListAt, type Db } from '@newsrank/db';
import {
  LIST_KINDS,
  emptyList,
  readPublishedList,
  type ListDocument,
  type ListKind,
  type ListStore,
  type PublishedList,
} from '@newsrank/published-lists';
import { listKey, parseWindow, type ListKeyParts, type RankingWindow } from '@newsrank/ranking';
import { HttpError } from '../http/errors.ts';
import { HISTORY_CACHE_CONTROL, LIVE_CACHE_CONTROL, sendList } from '../lists/send-list.ts';
import { streamLists } from '../lists/list-stream.ts';
import { tooManyStreams, type StreamSlots } from '../lists/stream-slots.ts';

export interface ListRouteDeps {
  db: Db;
  lists: ListStore;
  halfLifeMs: number;
  historyDays: number;
  streams: StreamSlots;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

export function listRoutes(deps: ListRouteDeps): Router {
  const router = Router();

  router.get('/v1/ranking', async (req, res) => {
    const window = windowParam(req.query.window) ?? '24h';
    const category = categoryParam(req.query.category);
    const limit = limitParam(req.query.limit);
    await answer(req, res, deps, { kind: 'ranking', window, categorySlug: category }, limit);
  });

  router.get('/v1/popular', async (req, res) => {
    const category = categoryParam(req.query.category);
    const limit = limitParam(req.query.limit);
    await answer(req, res, deps, { kind: 'popular', categorySlug: category }, limit);
  });

  router.get('/v1/trending', async (req, res) => {
    const category = categoryParam(req.query.category);
    const limit = limitParam(req.query.limit);
    await answer(req, res, deps, { kind: 'trending', categorySlug: category }, limit);
  });

  router.get('/v1/ranking/stream', (req, res) => {
    const window = windowParam(req.query.window);
    const category = req.query.category === undefined ? undefined : categoryParam(req.query.category);
    const kind = req.query.kind === undefined ? undefined : kindParam(req.query.kind);
    // The same size GET /v1/ranking and /v1/popular answer with: a client shows the first event as it is.
    const limit = limitParam(req.query.limit);
    const empty = (parts: ListKeyParts) => emptyList(parts, deps.halfLifeMs);
    // After the parameters: a malformed request is a 400 whether or not there is room.
    const release = deps.streams.take();
    if (!release) throw tooManyStreams(deps.streams.capacity);
    res.on('close', release);
    streamLists(req, res, deps.lists, { window, category, kind: window ? 'ranking' : kind, limit }, empty);
  });

  return router;
}

/**
 * The live list from memory; with `?at=` the version current at that moment, from history.
 * A list never published (a category without views, an unknown category) is empty, generatedAt null.
 */
async function answer(req: Request, res: Response, deps: ListRouteDeps, parts: ListKeyParts, limit: number) {
  const key = listKey(parts);
  const at = atParam(req.query.at);
  if (at === undefined) {
    const live = deps.lists.get(key);
    sendList(req, res, live ? asDocument(live) : emptyList(parts, deps.halfLifeMs), limit, LIVE_CACHE_CONTROL);
    return;
  }
  const oldest = Date.now() - deps.historyDays * 86_400_000;
  const version = at.getTime() >= oldest ? await findPublishedListAt(deps.db, key, at) : undefined;
  if (!version)
    throw new HttpError(
      404,
      'not_found',
      `no version of ${key} was published at or before ${at.toISOString()} within the last ${deps.historyDays} days`,
    );
  const historic = readPublishedList(version.payload);
  // The history holds only what the publisher wrote: a version that does not read back is a fault here, not the client's.
  if (!historic.ok)
    throw new Error(`the stored version of ${key} at ${version.generatedAt.toISOString()} cannot be read: ${historic.problem}`);
  const immutable = at.getTime() <= Date.now();
  sendList(req, res, asDocument(historic.list), limit, immutable ? HISTORY_CACHE_CONTROL : LIVE_CACHE_CONTROL);
}

const asDocument = (list: PublishedList): ListDocument => ({ etag: list.etag, body: list.body });

function single(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_parameter', `${name} must be given once`);
  return value;
}

function windowParam(value: unknown): RankingWindow | undefined {
  const raw = single(value, 'window');
  if (raw === undefined) return undefined;
  const window = parseWindow(raw);
  if (!window) throw new HttpError(400, 'invalid_parameter', 'window must be one of 1h, 24h, 7d, 30d');
  return window;
}

/** A category by slug or by name (`World News` → `world-news`); `all` or none: every category. */
function categoryParam(value: unknown): string | null {
  const raw = single(value, 'category');
  if (raw === undefined) return null;
  const slug = slugify(raw);
  if (slug === '' || slug === 'all') return null;
  return slug;
}

const LIST_KIND_NAMES = Object.keys(LIST_KINDS) as ListKind[];

function kindParam(value: unknown): ListKind {
  const raw = single(value, 'kind');
  const kind = LIST_KIND_NAMES.find((name) => name === raw);
  if (!kind) throw new HttpError(400, 'invalid_parameter', `kind must be one of ${LIST_KIND_NAMES.join(', ')}`);
  return kind;
}

function limitParam(value: unknown): number {
  const raw = single(value, 'limit');
  if (raw === undefined) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT)
    throw new HttpError(400, 'invalid_parameter', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return limit;
}

function atParam(value: unknown): Date | undefined {
  const raw = single(value, 'at');
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || !Number.isFinite(at.getTime()))
    throw new HttpError(400, 'invalid_parameter', 'at must be an ISO-8601 time');
  return at;
}
