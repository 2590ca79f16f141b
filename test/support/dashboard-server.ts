// A small HTTP server that serves the dashboard pages as the api mounts them (same token check,
// same security headers, the page's assets) with test data, and a lists stream the test feeds:
// for the dashboard's browser test and its screenshots, without the stats endpoints or workers.
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Response } from 'express';
import type { PublishedList } from '@newsrank/ranking';
import { dashboardRoutes, type DashboardData } from '@newsrank/web';
import { PAGE_ASSETS } from '../../packages/web/src/assets.ts';
import { requireAdminToken } from '../../services/api/src/http/admin-auth.ts';
import { securityHeaders } from '../../services/api/src/http/security-headers.ts';
import { testDashboardData, topList, trendingList } from './dashboard-data.ts';

export const DASHBOARD_TOKEN = 'dashboard-test-token';

export interface DashboardServer {
  baseUrl: string;
  /** Publishes a new version of a list: the store answers it and the stream sends it. */
  publish(list: PublishedList): void;
  close(): Promise<void>;
}

const errors: ErrorRequestHandler = (
  error: { status?: number; code?: string; message: string; headers?: Record<string, string> },
  _req,
  res,
  _next,
) => {
  res
    .status(error.status ?? 500)
    .set(error.headers ?? {})
    .json({ error: { code: error.code ?? 'internal', message: error.message } });
};

export async function startDashboardServer(data: DashboardData = testDashboardData): Promise<DashboardServer> {
  const published: PublishedList[] = [topList, trendingList];
  const lists = { get: (key: string) => published.find((list) => list.key === key), all: () => [...published] };
  const streams = new Set<Response>();
  const send = (res: Response, list: PublishedList) =>
    res.write(
      `event: list\ndata: ${JSON.stringify({ key: list.key, category: null, etag: list.etag, generatedAt: list.body.generatedAt, list: list.body })}\n\n`,
    );

  const app = express();
  app.use(securityHeaders());
  app.use(dashboardRoutes({ data, lists, auth: requireAdminToken([DASHBOARD_TOKEN]) }));
  app.get('/assets/:name', (req, res) => {
    const asset = PAGE_ASSETS.get(req.params.name);
    if (asset) res.type(asset.contentType).send(asset.body);
    else res.status(404).end();
  });
  app.get('/v1/ranking/stream', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    for (const list of published) send(res, list);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  });
  app.use(errors);

  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publish(list) {
      const at = published.findIndex((candidate) => candidate.key === list.key);
      if (at === -1) published.push(list);
      else published[at] = list;
      for (const res of streams) send(res, list);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
