import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type RequestHandler } from 'express';
import { articleStats, siteStats, statsCsvLines, type StatsDeps } from '@newsrank/analytics';
import { isUuid } from '@newsrank/core';
import { STATS_WINDOWS, type StatsWindow } from '@newsrank/wire';
import { HttpError } from '../http/errors.ts';

const DAY_MS = 86_400_000;
/** The hourly rows behind the export are kept 31 days. */
const MAX_EXPORT_DAYS = 31;
const DEFAULT_EXPORT_DAYS = 7;

function windowParam(value: unknown): StatsWindow {
  if (value === undefined) return '24h';
  if (typeof value === 'string' && (STATS_WINDOWS as readonly string[]).includes(value)) return value as StatsWindow;
  throw new HttpError(400, 'invalid_parameter', `window must be one of ${STATS_WINDOWS.join(', ')}`);
}

/** A UTC day as YYYY-MM-DD (or any ISO time, taken as its UTC day). */
function dayParam(value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : NaN;
  if (!Number.isFinite(ms)) throw new HttpError(400, 'invalid_parameter', `${name} must be a date (YYYY-MM-DD)`);
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('cache-control', 'private, no-store');
  next();
};

/** Readers' stats (token): per article, the whole site, and the daily export. */
export function statsRoutes(deps: StatsDeps & { auth: RequestHandler }): Router {
  const router = Router();
  const { auth } = deps;

  router.get('/v1/articles/:id/stats', auth, noStore, async (req, res) => {
    const window = windowParam(req.query.window);
    const id = req.params.id;
    const stats = isUuid(id) ? await articleStats(deps, id.toLowerCase(), window) : null;
    if (!stats) throw new HttpError(404, 'not_found', `no article ${id}`);
    res.json(stats);
  });

  router.get('/v1/stats', auth, noStore, async (req, res) => {
    res.json(await siteStats(deps, windowParam(req.query.window)));
  });

  router.get('/v1/stats.csv', auth, noStore, async (req, res) => {
    const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
    const toDay = dayParam(req.query.to, 'to') ?? today;
    const fromDay = dayParam(req.query.from, 'from') ?? new Date(toDay.getTime() - (DEFAULT_EXPORT_DAYS - 1) * DAY_MS);
    if (fromDay > toDay) throw new HttpError(400, 'invalid_parameter', 'from must not be after to');
    if ((toDay.getTime() - fromDay.getTime()) / DAY_MS + 1 > MAX_EXPORT_DAYS) {
      throw new HttpError(400, 'invalid_parameter', `at most ${MAX_EXPORT_DAYS} days per export`);
    }
    const category = typeof req.query.category === 'string' && req.query.category !== '' ? req.query.category.toLowerCase() : null;
    const name = `newsrank-stats-${fromDay.toISOString().slice(0, 10)}-${toDay.toISOString().slice(0, 10)}.csv`;
    res.status(200).set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    // Written as read; a client that goes away stops the reading (pipeline destroys the source).
    await pipeline(Readable.from(statsCsvLines(deps, { fromDay, toDay, categorySlug: category })), res);
  });

  return router;
}
