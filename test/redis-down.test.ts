import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from './support/events.ts';
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

describe('access events while Redis is down', () => {
  it('are refused at once with 503, so the client keeps them and retries', async () => {
    const started = Date.now();
    const answer = await postEvents(stack.baseUrl, [{ type: 'view', articleId: randomUUID() }]);
    expect(answer.status).toBe(503);
    expect((answer.body as unknown as { error: { code: string } }).error.code).toBe('queue_unavailable');
    // "Fast" means not hanging on an offline queue; the bound is generous on purpose.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('from a crawler are still answered as filtered: nothing needs queueing', async () => {
    const answer = await postEvents(
      stack.baseUrl,
      [{ type: 'view', articleId: randomUUID() }],
      'Googlebot/2.1 (+http://www.google.com/bot.html)',
    );
    expect(answer).toEqual({ status: 202, body: { accepted: 0, filtered: 1, rejected: [] } });
  });

  it('leave the lists answering from memory, empty until anything was published', async () => {
    const list = await getJson<{ generatedAt: string | null; items: unknown[] }>(stack.baseUrl, '/v1/ranking?window=1h');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ generatedAt: null, items: [] });
  });
});
