import { Router, type RequestHandler, type Response } from 'express';
import { isUuid } from '@newsrank/core';
import { STATS_WINDOWS, type StatsWindow } from '@newsrank/wire';
import type { PublishedLists } from './boxes.ts';
import { SPARKLINE_HOURS, TOP_LIST_KEY, TRENDING_LIST_KEY, type DashboardData, type TopItem, type TrendingItem } from './dashboard-data.ts';
import { DASHBOARD_LIST_LENGTH } from './dashboard-lists.ts';
import { dashboardArticleNotFoundPage, dashboardArticlePage, dashboardPage } from './dashboard-page.ts';
import { DASHBOARD_PATH } from './dashboard-parts.ts';
import type { SafeHtml } from './html.ts';

export interface DashboardDeps {
  data: DashboardData;
  lists: PublishedLists;
  /** The mounting app's check of an ingest token (Bearer, or the Basic password a browser asks for). */
  auth: RequestHandler;
}

/** A list not published (yet), or of another shape, shows as empty. */
function itemsOf<T>(lists: PublishedLists, key: string): T[] {
  const items = (lists.get(key)?.body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items.slice(0, DASHBOARD_LIST_LENGTH) as T[]) : [];
}

/** Anything but a window the stats know shows the default, as the reader pages do. */
function windowQuery(value: unknown): StatsWindow {
  return STATS_WINDOWS.find((window) => window === value) ?? '24h';
}

/** `/dashboard` and `/dashboard/articles/:id`, behind the mounting app's token check. */
export function dashboardRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const { auth, lists } = deps;

  router.get(DASHBOARD_PATH, auth, async (req, res) => {
    const { data } = deps;
    const window = windowQuery(req.query.window);
    const top = itemsOf<TopItem>(lists, TOP_LIST_KEY);
    const trending = itemsOf<TrendingItem>(lists, TRENDING_LIST_KEY);
    const ids = [...new Set([...top, ...trending].map((item) => item.article.id))];
    const [stats, hourly] = await Promise.all([
      data.siteStats(window),
      ids.length === 0 ? Promise.resolve(new Map<string, number[]>()) : data.hourlyViews(ids, SPARKLINE_HOURS),
    ]);
    sendPage(res, 200, dashboardPage({ window, stats, top, trending, hourly }));
  });

  router.get(`${DASHBOARD_PATH}/articles/:id`, auth, async (req, res) => {
    const { data } = deps;
    const id = req.params.id;
    const stats = isUuid(id) ? await data.articleStats(id.toLowerCase(), windowQuery(req.query.window)) : null;
    if (!stats) {
      sendPage(res, 404, dashboardArticleNotFoundPage());
      return;
    }
    sendPage(res, 200, dashboardArticlePage(stats));
  });

  return router;
}

function sendPage(res: Response, status: number, page: SafeHtml): void {
  // Behind a token: no shared cache may keep it.
  res.status(status).set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(page.value);
}
