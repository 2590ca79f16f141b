import { describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { QueueUnavailableError } from '@newsrank/queue';
import { errorHandler } from './errors.ts';

/** What the error handler sends for `error`: status, headers and body. */
function answerTo(error: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const res = {
    headersSent: false,
    set(headers: Record<string, string>) {
      Object.assign(sent.headers, headers);
      return this;
    },
    status(status: number) {
      sent.status = status;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  errorHandler(error, {} as Request, res as unknown as Response, () => {});
  return sent;
}

describe('errorHandler', () => {
  it.each([1, 5])('answers a queue that cannot take the work as 503 queue_unavailable, retry after %d s', (seconds) => {
    expect(answerTo(new QueueUnavailableError(seconds))).toEqual({
      status: 503,
      headers: { 'retry-after': String(seconds) },
      body: { error: { code: 'queue_unavailable', message: 'the queue is not reachable; nothing was accepted, retry later' } },
    });
  });
});
