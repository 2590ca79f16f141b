import { randomUUID } from 'node:crypto';
import express, { Router, type Request } from 'express';
import type { Queue } from 'bullmq';
import { findIngestJob, type Db } from '@newsrank/db';
import { QueueUnavailableError, requireQueue, type RedisClient } from '@newsrank/queue';
import { acceptDocument, QueueRefusedError, SOURCE_SLUG } from '@newsrank/sources/subscriptions';
import { requireBearerToken } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import { isJsonType, isReadableFeedType } from '../http/content-type.ts';
import { presentAccepted, presentIngestJob } from '@newsrank/db';
import { DocumentError, type DocumentCheck } from '@newsrank/feed-parser';
import type { CheckFunction } from '@newsrank/feed-parser/threads';
import { isUuid } from '@newsrank/core';

export interface IngestRouteDeps {
  db: Db;
  ingestQueue: Queue;
  redis: RedisClient;
  ingestTokens: string[];
  feedMaxBytes: number;
  parsePool: { check: CheckFunction };
}

/** The parser's refusals as answers; a type it cannot read has the one name the 415 from the type check has too. */
const DOCUMENT_ERRORS = {
  empty: { status: 400, code: 'empty' },
  unparseable: { status: 400, code: 'unparseable' },
  'too-complex': { status: 400, code: 'too_complex' },
  'unsupported-type': { status: 415, code: 'unsupported_media_type' },
} as const;

export function ingestRoutes(deps: IngestRouteDeps): Router {
  const router = Router();
  // Raw bytes, never a decoded string: the document's own declaration decides its encoding.
  const rawBody = express.raw({ type: () => true, limit: deps.feedMaxBytes });
  const auth = requireBearerToken(deps.ingestTokens);

  router.post('/v1/feeds', auth, rejectUnreadableType(isReadableFeedType), rawBody, async (req, res) => {
    const body = bodyBytes(req);
    const checked = await validateDocument(deps.parsePool.check, body, req.get('content-type'));
    res.status(202).json(presentAccepted(await enqueue(deps, req, body, checked, 'feed')));
  });

  router.post('/v1/articles', auth, rejectUnreadableType(isJsonType), rawBody, async (req, res) => {
    const body = bodyBytes(req);
    const checked = await validateDocument(deps.parsePool.check, body, req.get('content-type'));
    if (checked.format !== 'native-json') {
      throw new HttpError(400, 'invalid_body', 'expected {"articles": [Article, ...]} with 1 to 1000 articles');
    }
    res.status(202).json(presentAccepted(await enqueue(deps, req, body, checked, 'articles')));
  });

  router.get('/v1/ingest-jobs/:jobId', async (req, res) => {
    const id = req.params.jobId;
    const job = isUuid(id) ? await findIngestJob(deps.db, id) : undefined;
    if (!job) throw new HttpError(404, 'not_found', `no ingest job ${id}`);
    res.json(presentIngestJob(job));
  });

  return router;
}

function rejectUnreadableType(accepts: (contentType: string | undefined) => boolean) {
  return (req: Request, _res: unknown, next: () => void) => {
    const contentType = req.get('content-type');
    if (!accepts(contentType)) throw new HttpError(415, 'unsupported_media_type', `cannot read a body of type ${contentType}`);
    next();
  };
}

function bodyBytes(req: Request): Buffer {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_body', 'the request body is empty');
  return body;
}

/** Checked here so a client learns at once that a document is unreadable, not from a failed job. */
export async function validateDocument(check: CheckFunction, body: Buffer, contentType: string | undefined): Promise<DocumentCheck> {
  let checked: DocumentCheck;
  try {
    checked = await check(body, contentType);
  } catch (error) {
    if (error instanceof DocumentError) {
      const { status, code } = DOCUMENT_ERRORS[error.code];
      throw new HttpError(status, code, error.message);
    }
    throw error;
  }
  // A broken document from which nothing could be recovered is refused rather than "accepted" empty.
  if (checked.breakage)
    throw new HttpError(400, 'unparseable', `the ${checked.format} document is ${checked.breakage} and no item could be recovered`);
  return checked;
}

function sourceOf(req: Request, checked: DocumentCheck): string {
  const requested = typeof req.query.source === 'string' ? req.query.source.toLowerCase() : undefined;
  if (requested !== undefined) {
    if (!SOURCE_SLUG.test(requested))
      throw new HttpError(400, 'invalid_source', 'source must be 1-64 characters of a-z, 0-9, ".", "_" or "-"');
    return requested;
  }
  try {
    return new URL(checked.feedUrl ?? '').hostname || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The document is recorded in PostgreSQL first and the queue then points at it; 202 is sent
 * only after both. If Redis refuses, the record is withdrawn and the client gets 503 to retry.
 */
async function enqueue(
  deps: IngestRouteDeps,
  req: Request,
  body: Buffer,
  checked: DocumentCheck,
  kind: 'feed' | 'articles',
): Promise<string> {
  await requireQueue(deps.redis, RETRY_AFTER_SECONDS);
  const id = randomUUID();
  const job = { id, source: sourceOf(req, checked), kind, contentType: req.get('content-type') ?? null, format: checked.format, body };
  try {
    await acceptDocument(deps.db, deps.ingestQueue, job);
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    req.log.warn({ err: error }, 'queue refused an ingest job');
    throw new QueueUnavailableError(RETRY_AFTER_SECONDS);
  }
  req.log.info({ ingestJobId: id, format: checked.format, bytes: body.length, items: checked.items }, 'document accepted');
  return id;
}

// A feed is worth a few seconds' pause before it is posted again.
const RETRY_AFTER_SECONDS = 5;
