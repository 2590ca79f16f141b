import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, postFeed } from './support/http.ts';
import { freePort } from './support/processes.ts';
import { startStack, type Stack } from './support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  // A port nothing listens on: Redis is "down" for this API from the start.
  stack = await startStack(['api'], { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('an api whose Redis is down', () => {
  it('answers a feed with 503 at once and records nothing', async () => {
    const started = Date.now();
    const response = await postFeed(stack.baseUrl, rssFeed(testStories(1)), { contentType: 'application/rss+xml' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('queue_unavailable');
    // "Fast" is about not hanging on an offline queue; the bound is generous on purpose.
    expect(Date.now() - started).toBeLessThan(5_000);
    const jobs = await stack.database.db.selectFrom('ingest_jobs').select('id').execute();
    expect(jobs).toEqual([]);
  });

  it('says it is alive but not ready', async () => {
    expect((await getJson(stack.baseUrl, '/healthz')).status).toBe(200);
    const ready = await getJson<{ checks: { redis: { ok: boolean }; postgres: { ok: boolean } } }>(stack.baseUrl, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.redis.ok).toBe(false);
    expect(ready.body.checks.postgres.ok).toBe(true);
  });
});
