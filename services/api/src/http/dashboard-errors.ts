import type { RequestHandler } from 'express';
import { errorBody, type ErrorBody } from '@newsrank/wire';
import { codeForStatus } from './errors.ts';

interface DashboardError {
  error?: { key?: unknown } | unknown;
  message?: unknown;
}

/**
 * bull-board answers its own failures as `{"error": {"key": "ERRORS.QUEUE_NOT_FOUND"}, ...}`,
 * a translation key for its page. Scripts reading the dashboard's JSON get the API's one shape
 * instead; the key, lower-cased, is the code. Refusing a change on a read-only board is a 403:
 * bull-board's 405 names no methods that would work, and none would.
 */
export function reshapeDashboardError(status: number, body: unknown): { status: number; body: ErrorBody } {
  const { error, message } = (body ?? {}) as DashboardError;
  const key =
    typeof (error as { key?: unknown } | null)?.key === 'string' ? (error as { key: string }).key : typeof error === 'string' ? error : '';
  const name = key.replace(/^ERRORS\./, '').toLowerCase();
  if (name === 'queue_read_only')
    return {
      status: 403,
      body: errorBody('read_only', 'the queue dashboard is read-only: queue work changes through the API and the workers'),
    };
  const specific = name !== '' && name !== 'internal_server_error' ? name : codeForStatus(status);
  const text =
    typeof message === 'string' && message !== '' ? message : name !== '' ? name.replace(/_/g, ' ') : 'the dashboard refused the request';
  return { status, body: errorBody(specific, text) };
}

// The API's own error handler also answers through this response when a request falls out of the dashboard.
function isApiError(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Wraps `res.json` under the dashboard mount so every error it sends takes the API's shape. */
export function dashboardErrorShape(): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 400 || isApiError(body)) return json(body);
      const reshaped = reshapeDashboardError(res.statusCode, body);
      return res.status(reshaped.status).type('application/json').send(JSON.stringify(reshaped.body));
    };
    next();
  };
}
