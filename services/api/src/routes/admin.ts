import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { Router, type Express } from 'express';
import { dashboardErrorShape } from '../http/dashboard-errors.ts';
import type { Queue } from 'bullmq';
import { requireAdminToken } from '../http/admin-auth.ts';
import { nameRoute } from '../metrics/http-metrics.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The queue dashboard (bull-board), read-only: it shows queues and jobs, and refuses retries,
 * removals and pauses, so an operator's browser holding the token cannot be made to change
 * anything. Queue work is changed through the API and the workers, never by hand.
 */
export function adminRoutes(deps: { queues: Queue[]; tokens: string[] }): Router {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'newsrank queues' } },
  });
  const dashboard = board.getRouter() as Express;
  // A mounted application of its own: without this it would announce itself in every answer.
  dashboard.disable('x-powered-by');
  const router = Router();
  // The dashboard is an application of its own: mounted whole, one route for metrics and docs.
  // Its JSON bodies are read by the API's parser first, so a broken one gets the API's error for it.
  router.use(
    QUEUE_DASHBOARD_PATH,
    nameRoute(QUEUE_DASHBOARD_PATH),
    requireAdminToken(deps.tokens),
    dashboardErrorShape(),
    express.json(),
    dashboard,
  );
  return router;
}
