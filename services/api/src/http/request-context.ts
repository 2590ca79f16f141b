import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import type { Logger } from '@newsrank/logger';
import { EMBEDDABLE_PATHS } from './cors.ts';

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
const BASE_LOGGER = Symbol('base logger');
const REQUEST_LOGGER = Symbol('request logger');
type WithLoggers = Request & { [BASE_LOGGER]?: Logger; [REQUEST_LOGGER]?: Logger };

// req.log is made on first use: a pino child costs more than the rest of an event request's
// bookkeeping, and a request that succeeds below the access log's level never logs at all.
Object.defineProperty(express.request, 'log', {
  configurable: true,
  get(this: WithLoggers): Logger | undefined {
    if (this[REQUEST_LOGGER] === undefined && this[BASE_LOGGER] !== undefined)
      this[REQUEST_LOGGER] = this[BASE_LOGGER].child({ reqId: this.id });
    return this[REQUEST_LOGGER];
  },
  set(this: WithLoggers, logger: Logger) {
    this[REQUEST_LOGGER] = logger;
  },
});

/**
 * The endpoints news pages call from the browser (the view beacon and the lists; their streams
 * are other paths): each page view of every site using the service comes here. At that rate a
 * log line per request is a second copy of the traffic and a large share of the API's cost on a
 * list read (docs/benchmarks.md, "Choices the benchmarks settled"); the request metrics (`newsrank_http_request_duration_seconds`) count them instead. Their successful answers
 * are logged at debug; anything else they answer (4xx, 5xx) is logged like every other request.
 */
const HIGH_VOLUME_PATHS = new Set(EMBEDDABLE_PATHS);

/** The level of a request's access log line. */
export function accessLogLevel(path: string, status: number): 'error' | 'info' | 'debug' {
  if (status >= 500) return 'error';
  if (status < 400 && HIGH_VOLUME_PATHS.has(path)) return 'debug';
  return 'info';
}

/** One id per request, taken from `x-request-id` when the caller sent a sane one, in logs and in the answer. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    (req as WithLoggers)[BASE_LOGGER] = logger;
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    // Read now: a mounted application (the queue dashboard) answers with req.url cut to its own part.
    const path = req.path;
    res.on('finish', () => {
      const level = accessLogLevel(path, res.statusCode);
      if (!logger.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log[level]({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
