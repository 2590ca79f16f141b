import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardArticles, testDashboardData, testLists, topList } from '../../../test/support/dashboard-data.ts';
import type { DashboardData } from './dashboard-data.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { PageRequestError } from './page-request-error.ts';

const TOKEN = 'dashboard-token';
/** Bearer only: the api's own check (Basic too) is tested where it lives. */
const auth: RequestHandler = (req, _res, next) => {
  if (req.get('authorization') !== `Bearer ${TOKEN}`) throw new PageRequestError(401, 'unauthorized', 'a token is required');
  next();
};
const errors: ErrorRequestHandler = (error: PageRequestError, _req, res, _next) => {
  res.status(error.status ?? 500).json({ error: { code: error.code, message: error.message } });
};

const asked: { ids: readonly string[]; hours: number }[] = [];
const windows: string[] = [];
const data: DashboardData = {
  ...testDashboardData,
  siteStats: async (window) => {
    windows.push(window);
    return testDashboardData.siteStats(window);
  },
  hourlyViews: async (ids, hours) => {
    asked.push({ ids, hours });
    return testDashboardData.hourlyViews(ids, hours);
  },
};

let base: string;
let server: ReturnType<express.Express['listen']>;
beforeAll(async () => {
  const app = express();
  app.use('/full', dashboardRoutes({ data, lists: testLists(), auth }));
  app.use('/top-only', dashboardRoutes({ data, lists: testLists([topList]), auth }));
  app.use(errors);
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, token: string | null = TOKEN) =>
  fetch(`${base}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('the dashboard routes', () => {
  it('ask for the token before anything else', async () => {
    expect((await get('/full/dashboard', null)).status).toBe(401);
    expect((await get(`/full/dashboard/articles/${dashboardArticles[0]?.id}`, 'wrong')).status).toBe(401);
  });

  it('render the site page, uncached, with sparklines for the articles of both lists', async () => {
    asked.length = 0;
    const response = await get('/full/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.hours).toBe(24);
    // Five top articles and three trending ones, two of them in both: each asked for once.
    expect([...(asked[0]?.ids ?? [])].sort()).toEqual(dashboardArticles.map((article) => article.id).sort());
    expect(page.match(/<svg class="nr-spark"/g)).toHaveLength(8);
  });

  it('take the period from ?window= and fall back to 24h for anything else', async () => {
    windows.length = 0;
    await get('/full/dashboard?window=30d');
    await get('/full/dashboard?window=1h');
    await get('/full/dashboard?window=7d&window=30d');
    expect(windows).toEqual(['30d', '24h', '24h']);
  });

  it('show an unpublished trending list as empty', async () => {
    const page = await (await get('/top-only/dashboard')).text();
    expect(page).toContain('Nothing is rising above its usual readership right now.');
    expect(page.match(/<li class="nr-dash-item"/g)).toHaveLength(5);
  });

  it("render an article's page, and a 404 page for an unknown or malformed id", async () => {
    const id = dashboardArticles[1]?.id ?? '';
    const found = await get(`/full/dashboard/articles/${id.toUpperCase()}?window=7d`);
    expect(found.status).toBe(200);
    expect(await found.text()).toContain('Views and visitors · last 7 days');
    expect((await get('/full/dashboard/articles/00000000-0000-4000-8000-0000000000ff')).status).toBe(404);
    const malformed = await get('/full/dashboard/articles/not-an-id');
    expect(malformed.status).toBe(404);
    expect(await malformed.text()).toContain('Article not found');
  });
});
