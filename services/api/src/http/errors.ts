import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorBody } from '@newsrank/wire';
import { isDatabaseUnavailable } from '@newsrank/db';
import { QueueUnavailableError } from '@newsrank/queue';

/** An error the client can act on; becomes `{"error": {"code", "message"}}` with its status. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const notFound: RequestHandler = (req) => {
  throw new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`);
};

/** body-parser's own errors, mapped to the codes SPEC lists. */
function fromBodyParser(error: { type?: string; status?: number; message: string; limit?: number }): HttpError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', `body is larger than the limit of ${error.limit} bytes`);
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', `body is not valid JSON: ${error.message}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', error.message);
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', 'the client closed the request before the body arrived');
    case 'request.size.invalid':
      return new HttpError(400, 'invalid_body', 'the body is shorter or longer than Content-Length says');
    default:
      return null;
  }
}

/** The code an error status is known by when nothing more specific names it. */
export function codeForStatus(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
};

/**
 * A request the routing itself could not read: a path parameter with a broken percent-escape
 * (`/v1/articles/%E0%A4%A`) reaches here as the router's URIError, before any handler runs.
 * Other errors from the libraries underneath that carry a client status (http-errors' `expose`)
 * keep it, under the status's own code.
 */
function fromRouting(error: unknown): HttpError | null {
  if (error instanceof URIError)
    return new HttpError(400, 'invalid_path', 'the path has a malformed percent-escape; a literal % is written %25');
  const { status, expose, message, code } = (error ?? {}) as { status?: unknown; expose?: unknown; message?: unknown; code?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  // A code of the API's own form (the web module's PageRequestError) is kept; others are named by the status.
  const named = typeof code === 'string' && /^[a-z][a-z_]*$/.test(code) ? code : codeForStatus(status);
  return new HttpError(status, named, typeof message === 'string' && message !== '' ? message : 'the request was refused');
}

/** PostgreSQL unreachable is an outage the client should wait out (503), not a bug (500). */
function fromDatabase(error: unknown): HttpError | null {
  if (!isDatabaseUnavailable(error)) return null;
  return new HttpError(503, 'database_unavailable', 'the database is not reachable; nothing was changed, retry later', {
    'retry-after': '5',
  });
}

/** Redis refused: nothing was accepted, and the client is told when to retry. */
function fromQueue(error: unknown): HttpError | null {
  if (!(error instanceof QueueUnavailableError)) return null;
  return new HttpError(503, 'queue_unavailable', 'the queue is not reachable; nothing was accepted, retry later', {
    'retry-after': String(error.retryAfterSeconds),
  });
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const fromDb = error instanceof HttpError ? null : fromDatabase(error);
  if (fromDb) req.log?.warn({ err: error }, 'database unavailable');
  const known = error instanceof HttpError ? error : (fromBodyParser(error) ?? fromDb ?? fromQueue(error) ?? fromRouting(error));
  const httpError = known ?? new HttpError(500, 'internal', 'internal error');
  if (!known) req.log?.error({ err: error }, 'request failed');
  if (res.headersSent) return res.end();
  res.set(httpError.headers).status(httpError.status).json(errorBody(httpError.code, httpError.message));
};
