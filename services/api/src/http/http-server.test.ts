import { describe, expect, it } from 'vitest';
import { connectionsCheckingIntervalMs, httpServerOptions } from './http-server.ts';

const limits = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 65_000 };

describe('the HTTP server options', () => {
  it('carry the configured timeouts as whole milliseconds', () => {
    expect(httpServerOptions({ ...limits, keepAliveTimeoutMs: 1500.4 })).toMatchObject({
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      keepAliveTimeout: 1501,
    });
  });

  it.each([
    [{ ...limits }, 1_000],
    [{ ...limits, headersTimeoutMs: 2_000 }, 200],
    [{ ...limits, headersTimeoutMs: 300, requestTimeoutMs: 500 }, 30],
    [{ ...limits, headersTimeoutMs: 20, requestTimeoutMs: 40 }, 10],
  ])('sweep for expired requests often enough for the shorter timeout (%j: every %d ms)', (given, interval) => {
    expect(connectionsCheckingIntervalMs(given)).toBe(interval);
    expect(httpServerOptions(given).connectionsCheckingInterval).toBe(interval);
  });
});
