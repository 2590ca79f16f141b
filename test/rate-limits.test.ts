import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFeed } from './support/http.ts';
import { freePort } from './support/processes.ts';
import { TEST_TOKEN, startStack, type Stack } from './support/stack.ts';

const LIMIT = 5;
const get = (baseUrl: string, path: string, headers: Record<string, string> = {}) => fetch(new URL(path, baseUrl), { headers });

describe('rate limits shared by two api replicas on one Redis', () => {
  let stack: Stack;
  let replicas: string[];
  beforeAll(async () => {
    stack = await startStack(['api'], { RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    const port = await freePort();
    await stack.start('api', { PORT: String(port) });
    replicas = [stack.baseUrl, `http://127.0.0.1:${port}`];
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('the budget of one address is spent across both replicas, then 429 with Retry-After', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const response = await get(replicas[i % 2] as string, '/v1/categories');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe(String(LIMIT));
      remaining.push(response.headers.get('ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    for (const replica of replicas) {
      const refused = await get(replica, '/v1/ranking');
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('ratelimit-reset'))).toBe(retryAfter);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    }
  });

  it('a limited address still gets health, readiness, metrics and the API description', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
      expect((await get(stack.baseUrl, path)).status, path).toBe(200);
  });

  it('a publisher presenting a valid token is not limited, a wrong token is', async () => {
    expect((await get(stack.baseUrl, '/v1/categories', { authorization: `Bearer ${TEST_TOKEN}` })).status).toBe(200);
    expect((await postFeed(stack.baseUrl, '<rss/>', { token: 'guessed' })).status).toBe(429);
  });

  it('refusals are counted in the metrics', async () => {
    const text = await (await get(stack.baseUrl, '/metrics')).text();
    expect(text).toMatch(/^newsrank_rate_limited_requests_total\{service="api"\} [1-9]/m);
  });
});

describe('rate limits while Redis is unreachable', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['api'], { RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('fail open: reads go through at once, without limit headers', async () => {
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const response = await get(stack.baseUrl, '/v1/categories');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
      // Not waiting on Redis: the bound is generous on purpose.
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });
});
