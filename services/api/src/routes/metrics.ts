import { Router } from 'express';
import type { Registry } from 'prom-client';

/**
 * Prometheus text. Unauthenticated, as scrapers expect and as SPEC lists it; it reveals counts
 * and queue depths, no content, so a deployment keeps it off the public load balancer.
 */
export function metricsRoutes(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.set({ 'content-type': registry.contentType, 'cache-control': 'no-store' }).send(await registry.metrics());
  });
  return router;
}
