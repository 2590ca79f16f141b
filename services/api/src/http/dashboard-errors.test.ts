import { describe, expect, it } from 'vitest';
import { reshapeDashboardError } from './dashboard-errors.ts';

describe('reshapeDashboardError', () => {
  it('turns bull-board translation keys into codes', () => {
    expect(reshapeDashboardError(404, { error: { key: 'ERRORS.QUEUE_NOT_FOUND' } })).toEqual({
      status: 404,
      body: { error: { code: 'queue_not_found', message: 'queue not found' } },
    });
  });

  it('keeps the message of an internal error and names it by its status', () => {
    expect(reshapeDashboardError(500, { error: { key: 'ERRORS.INTERNAL_SERVER_ERROR' }, message: 'boom' })).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'boom' } },
    });
    expect(reshapeDashboardError(400, { error: { key: 'ERRORS.INTERNAL_SERVER_ERROR' }, message: 'bad input' }).body.error.code).toBe(
      'bad_request',
    );
  });

  it('answers a change refused by the read-only board 403', () => {
    expect(reshapeDashboardError(405, { error: { key: 'ERRORS.QUEUE_READ_ONLY' } })).toMatchObject({
      status: 403,
      body: { error: { code: 'read_only' } },
    });
  });

  it('copes with bodies of no known shape', () => {
    expect(reshapeDashboardError(418, 'teapot').body.error.code).toBe('bad_request');
    expect(reshapeDashboardError(502, null).body.error).toEqual({ code: 'internal', message: 'the dashboard refused the request' });
  });
});
