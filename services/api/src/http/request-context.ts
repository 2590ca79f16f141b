import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '@newsrank/logger';

declare global {
  // Express merges its Request type with this global namespace: the documented way to extend it.
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
    }
  }
}

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One id per request, taken from `x-request-id` when the caller sent a sane one, in logs and in the answer. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.set('x-request-id', req.id);
    const started = process.hrtime.bigint();
    // Read now: a mounted application (the queue dashboard) answers with req.url cut to its own part.
    const path = req.path;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      req.log[level]({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
