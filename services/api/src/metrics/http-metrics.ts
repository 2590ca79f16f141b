import type { Request, RequestHandler, Response } from 'express';
import type { Histogram } from 'prom-client';

export type HttpLabel = 'method' | 'route' | 'status_class';

/** Seconds; in-memory list reads answer in well under a millisecond, feed posts take longer. */
export const HTTP_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The route pattern that answered (`/v1/articles/:id`), never the raw URL, so the number of
 * series stays bounded whatever clients request. A handler may name its route itself through
 * `res.locals.metricsRoute` (a mounted application such as the queue dashboard). Mounts here
 * have no parameters, so `baseUrl` is a fixed prefix.
 */
export function routeLabel(req: Pick<Request, 'baseUrl' | 'route'>, res: Pick<Response, 'locals'>): string {
  const named: unknown = res.locals.metricsRoute;
  if (typeof named === 'string') return named;
  const path: unknown = req.route?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}` || '/';
  if (Array.isArray(path)) return path.map((part) => `${req.baseUrl}${String(part)}`).join('|');
  return 'unmatched';
}

export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Observes every answer's latency when it finishes; event streams are open-ended, not latency. */
export function recordHttpMetrics(histogram: Histogram<HttpLabel>): RequestHandler {
  return (req, res, next) => {
    const stop = histogram.startTimer();
    res.on('finish', () => {
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      stop({ method: req.method, route: routeLabel(req, res), status_class: statusClass(res.statusCode) });
    });
    next();
  };
}

/** Names the route of everything under a mount for the latency histogram. */
export function nameRoute(route: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.metricsRoute = route;
    next();
  };
}
