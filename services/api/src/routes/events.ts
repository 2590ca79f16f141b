import { Router, type Request, type RequestHandler } from 'express';
import { acceptEvents, createBotFilter, eventsOf, type AcceptEventsDeps, type RequestReader } from '@newsrank/events';
import { beaconJsonBody } from '../http/beacon-body.ts';
import { HttpError } from '../http/errors.ts';
import { inOneLayer } from '../http/one-layer.ts';
import { sendJson } from '../http/send-json.ts';
import type { EventCounts } from '../metrics/api-metrics.ts';
import type { EventsVerdict } from '@newsrank/wire';

/** A batch of 1000 events with long URLs fits comfortably; anything larger is not a beacon. */
const EVENTS_BODY_LIMIT = 1024 * 1024;

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('cache-control', 'no-store');
  next();
};

/** The address (behind TRUST_PROXY, the client's) and User-Agent a visitor key is derived from. */
const readerOf = (req: Request): RequestReader => ({ clientAddress: req.ip ?? '', userAgent: req.get('user-agent') ?? '' });

// CORS (CORS_ORIGINS) for these endpoints is applied in front of them: see http/cors.ts.
export function eventRoutes(deps: AcceptEventsDeps & { countEvents(counts: EventCounts): void }): Router {
  const router = Router();
  const isBot = createBotFilter();
  // Any content type: navigator.sendBeacon posts text/plain, which avoids a preflight.
  const jsonBody = beaconJsonBody(EVENTS_BODY_LIMIT);

  router.post('/v1/events', inOneLayer(noStore, jsonBody), async (req, res) => {
    const batch = eventsOf(req.body);
    if ('problem' in batch) throw new HttpError(400, batch.problem, batch.message);
    const { events } = batch;
    if (isBot(req.get('user-agent'))) {
      deps.countEvents({ accepted: 0, filtered: events.length, rejected: 0 });
      sendJson(res, 202, { accepted: 0, filtered: events.length, rejected: [] } satisfies EventsVerdict);
      return;
    }
    const verdict = await acceptEvents(deps, events, readerOf(req), () => req.log);
    deps.countEvents({ ...verdict, rejected: verdict.rejected.length });
    sendJson(res, 202, verdict);
  });

  router.get('/v1/hit', noStore, async (req, res) => {
    const article = typeof req.query.article === 'string' ? req.query.article : undefined;
    const url = typeof req.query.url === 'string' ? req.query.url : undefined;
    if (article === undefined && url === undefined)
      throw new HttpError(400, 'invalid_parameter', 'article=<id> (or url=<article URL>) is required');
    if (isBot(req.get('user-agent'))) {
      deps.countEvents({ accepted: 0, filtered: 1, rejected: 0 });
      res.status(204).end();
      return;
    }
    const event = article !== undefined ? { type: 'view', articleId: article } : { type: 'view', url };
    const verdict = await acceptEvents(deps, [event], readerOf(req), () => req.log);
    deps.countEvents({ ...verdict, rejected: verdict.rejected.length });
    const rejection = verdict.rejected[0];
    if (rejection?.reason === 'unknown article') throw new HttpError(404, 'not_found', `no article ${article ?? url}`);
    if (rejection) throw new HttpError(400, 'invalid_parameter', rejection.reason);
    res.status(204).end();
  });

  return router;
}
