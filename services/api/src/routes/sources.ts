import express, { Router, type RequestHandler } from 'express';
import type { Queue } from 'bullmq';
import type { Db } from '@newsrank/db';
import { QueueUnavailableError, requireQueue, type RedisClient } from '@newsrank/queue';
import {
  QueueRefusedError,
  SourceError,
  acceptPush,
  answerVerification,
  changeSource,
  exportSourcesOpml,
  importOpml,
  listSourceViews,
  readSourcePatch,
  readSubscribeInput,
  refreshSource,
  removeSource,
  sourceView,
  subscribeSource,
  type OpmlImport,
  type SourceView,
  type SourcesSettings,
  type SourcesStore,
} from '@newsrank/sources/subscriptions';
import type * as wire from '@newsrank/wire';
import type { CheckFunction } from '@newsrank/feed-parser/threads';
import { requireBearerToken } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import { presentAccepted } from '@newsrank/db';
import { validateDocument } from './ingest.ts';

export interface SourceRouteDeps {
  db: Db;
  redis: RedisClient;
  sourcesQueue: Queue;
  ingestQueue: Queue;
  sourcesSettings: SourcesSettings;
  ingestTokens: string[];
  feedMaxBytes: number;
  parsePool: { check: CheckFunction };
}

const STATUS_OF: Record<SourceError['kind'], number> = {
  invalid: 400,
  'refused-address': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};
/** A subscription list is a few kilobytes per hundred feeds; a megabyte is tens of thousands. */
const OPML_BODY_LIMIT = 4 * 1024 * 1024;
const RETRY_AFTER_SECONDS = 5;

/** Runs a handler, answering a SourceError with its status and code. */
function handle(run: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      await run(req, res, next);
    } catch (error) {
      if (error instanceof SourceError) throw new HttpError(STATUS_OF[error.kind], error.code, error.message);
      if (error instanceof QueueRefusedError) throw new QueueUnavailableError(RETRY_AFTER_SECONDS);
      throw error;
    }
  };
}

/** Subscriptions (`/v1/sources…`) and the WebSub callback hubs call (`/v1/websub/:slug`). */
export function sourceRoutes(deps: SourceRouteDeps): Router {
  const router = Router();
  const auth = requireBearerToken(deps.ingestTokens);
  const store: SourcesStore = { db: deps.db, sourcesQueue: deps.sourcesQueue, settings: deps.sourcesSettings };
  const bounds = deps.sourcesSettings.bounds;
  const jsonBody = express.json({ limit: 64 * 1024, strict: true, type: () => true });
  const textBody = express.text({ limit: OPML_BODY_LIMIT, type: () => true });
  const rawBody = express.raw({ limit: deps.feedMaxBytes, type: () => true });
  const queueReady = async () => requireQueue(deps.redis, RETRY_AFTER_SECONDS);

  router.post(
    '/v1/sources',
    auth,
    jsonBody,
    handle(async (req, res) => {
      const input = readSubscribeInput(req.body, bounds);
      await queueReady();
      const { created, source, jobId } = await subscribeSource(store, input);
      if (created) req.log.info({ source: source.slug, url: source.url, jobId }, 'source subscribed');
      res
        .status(created ? 201 : 200)
        .location(`/v1/sources/${source.slug}`)
        .json(source);
    }),
  );

  router.get(
    '/v1/sources',
    auth,
    handle(async (_req, res) => {
      res.json({ items: await listSourceViews(store) });
    }),
  );

  router.get(
    '/v1/sources.opml',
    auth,
    handle(async (_req, res) => {
      res
        .type('text/x-opml; charset=utf-8')
        .set('content-disposition', 'attachment; filename="newsrank-sources.opml"')
        .send(await exportSourcesOpml(store));
    }),
  );

  router.post(
    '/v1/sources/opml',
    auth,
    textBody,
    handle(async (req, res) => {
      if (typeof req.body !== 'string' || req.body.trim() === '')
        throw new HttpError(400, 'empty_body', 'the request body is empty: post an OPML document');
      await queueReady();
      const result = await importOpml(store, req.body);
      req.log.info({ added: result.added, existing: result.existing, rejected: result.rejected.length }, 'OPML imported');
      res.json(result);
    }),
  );

  router.get(
    '/v1/sources/:slug',
    auth,
    handle(async (req, res) => {
      res.json(await sourceView(store, String(req.params.slug)));
    }),
  );

  router.patch(
    '/v1/sources/:slug',
    auth,
    jsonBody,
    handle(async (req, res) => {
      res.json(await changeSource(store, String(req.params.slug), readSourcePatch(req.body, bounds)));
    }),
  );

  router.delete(
    '/v1/sources/:slug',
    auth,
    handle(async (req, res) => {
      await removeSource(store, String(req.params.slug));
      req.log.info({ source: req.params.slug }, 'source deleted; its articles stay');
      res.status(204).end();
    }),
  );

  router.post(
    '/v1/sources/:slug/refresh',
    auth,
    handle(async (req, res) => {
      await queueReady();
      const { jobId, source } = await refreshSource(store, String(req.params.slug));
      res.status(202).json({ jobId, statusUrl: `/v1/sources/${source.slug}` } satisfies wire.RefreshAccepted);
    }),
  );

  // The hub's verification of intent: the challenge echoed as plain text.
  router.get(
    '/v1/websub/:slug',
    handle(async (req, res) => {
      const challenge = await answerVerification(
        deps.db,
        String(req.params.slug),
        new URL(req.originalUrl, 'http://callback').searchParams,
      );
      res.status(200).type('text/plain').set('cache-control', 'no-store').send(challenge);
    }),
  );

  // Content the hub pushes, signed with the subscription's secret.
  router.post(
    '/v1/websub/:slug',
    rawBody,
    handle(async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw new HttpError(400, 'empty_body', 'the request body is empty');
      const checked = await validateDocument(deps.parsePool.check, body, req.get('content-type'));
      await queueReady();
      const jobId = await acceptPush({ db: deps.db, ingestQueue: deps.ingestQueue }, String(req.params.slug), {
        signature: req.get('x-hub-signature-256') ?? req.get('x-hub-signature'),
        body,
        contentType: req.get('content-type') ?? null,
        format: checked.format,
      });
      req.log.info({ source: req.params.slug, ingestJobId: jobId }, 'WebSub content accepted');
      res.status(202).json(presentAccepted(jobId));
    }),
  );

  return router;
}
