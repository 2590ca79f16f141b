import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { postEvents } from './support/events.ts';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { sampleValue, scrape } from './support/metrics.ts';
import { TEST_TOKEN, eventually, startStack, type Stack } from './support/stack.ts';

const PAGE_ORIGIN = 'https://news.example';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '300', CORS_ORIGINS: PAGE_ORIGIN });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, stack.baseUrl), { headers });

describe('metrics', () => {
  it('a request shows up in the latency histogram under its route pattern, not its URL', async () => {
    expect((await get('/v1/articles/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const samples = await scrape(stack.baseUrl);
    const labels = { method: 'GET', route: '/v1/articles/:id', status_class: '4xx' };
    expect(sampleValue(samples, 'http_request_duration_seconds_count', labels)).toBe(1);
    expect(sampleValue(samples, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(1);
    expect(samples.some((sample) => sample.labels.route?.includes('00000000'))).toBe(false);
  });

  it('a path no route knows is counted as unmatched', async () => {
    await get('/no/such/page');
    expect(
      sampleValue(await scrape(stack.baseUrl), 'http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('queue depth and oldest waiting age are reported for every queue', async () => {
    const samples = await scrape(stack.baseUrl);
    expect(sampleValue(samples, 'newsrank_shared_metrics_up')).toBe(1);
    for (const queue of ['ingest', 'events', 'ranking', 'sources']) {
      for (const state of ['waiting', 'active', 'failed', 'delayed'])
        expect(sampleValue(samples, 'newsrank_queue_jobs', { queue, state }), `${queue} ${state}`).toBeTypeOf('number');
      expect(sampleValue(samples, 'newsrank_queue_oldest_waiting_seconds', { queue })).toBeGreaterThanOrEqual(0);
    }
  });

  it('ingest outcomes, events, applied views and list publish lag follow the work through the workers', async () => {
    const job = await ingest(stack.baseUrl, rssFeed(testStories(3)), { source: 'paper', contentType: 'application/rss+xml' });
    expect(job.result?.inserted).toBe(3);
    const articleId = job.result?.articles[0]?.id ?? '';
    const events = await postEvents(stack.baseUrl, [
      { type: 'view', articleId },
      { type: 'view', articleId },
      { type: 'view', articleId: 'nope' },
    ]);
    expect(events.body).toMatchObject({ accepted: 2, filtered: 0 });
    await postEvents(stack.baseUrl, [{ type: 'view', articleId }], 'Googlebot/2.1 (+http://www.google.com/bot.html)');

    const samples = await eventually(
      async () => {
        const current = await scrape(stack.baseUrl);
        return (sampleValue(current, 'newsrank_list_publishes_total') ?? 0) >= 1 ? current : undefined;
      },
      20_000,
      'a publish of the applied views',
    );
    expect(sampleValue(samples, 'newsrank_ingest_articles_total', { outcome: 'inserted' })).toBe(3);
    expect(sampleValue(samples, 'newsrank_ingest_articles_total', { outcome: 'duplicate' })).toBe(0);
    expect(sampleValue(samples, 'newsrank_events_total', { outcome: 'accepted' })).toBe(2);
    expect(sampleValue(samples, 'newsrank_events_total', { outcome: 'rejected' })).toBe(1);
    expect(sampleValue(samples, 'newsrank_events_total', { outcome: 'filtered' })).toBe(1);
    expect(sampleValue(samples, 'newsrank_views_applied_total', { result: 'counted' })).toBe(2);
    const lag = sampleValue(samples, 'newsrank_list_publish_lag_seconds') ?? -1;
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(10);
  });
});

describe('security headers', () => {
  it("every answer carries helmet's headers, with a CSP of its own origin", async () => {
    const response = await get('/healthz');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    // Kept between newsrank's own pages (a click from one article to another reads as internal), never sent elsewhere.
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('JSON answers under /v1 carry the API set: nothing may load from or frame them', async () => {
    const response = await get('/v1/categories');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    // Document-only headers stay on pages.
    expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(response.headers.get('origin-agent-cluster')).toBeNull();
  });

  it('the embeddable endpoints may be loaded by other sites', async () => {
    expect((await get('/v1/ranking')).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('CORS for the embeddable endpoints', () => {
  it('a preflight for POST /v1/events from a configured origin is allowed', async () => {
    const response = await fetch(new URL('/v1/events', stack.baseUrl), {
      method: 'OPTIONS',
      headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('another origin gets no CORS permission', async () => {
    const response = await fetch(new URL('/v1/events', stack.baseUrl), {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a list read from a configured origin may be read by the page, ETag included', async () => {
    const response = await get('/v1/popular', { origin: PAGE_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('etag');
  });

  it('endpoints that are not embeddable send no CORS headers', async () => {
    expect((await get('/v1/articles', { origin: PAGE_ORIGIN })).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the queue dashboard', () => {
  it('without a token is 401 with a Basic challenge, so a browser asks for one', async () => {
    const response = await get('/admin/queues');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('with a wrong token is 401', async () => {
    expect((await get('/admin/queues', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('with the token as bearer or as Basic password shows the dashboard', async () => {
    const bearer = await get('/admin/queues', { authorization: `Bearer ${TEST_TOKEN}` });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('content-type')).toMatch(/^text\/html/);
    const basic = await get('/admin/queues', { authorization: `Basic ${Buffer.from(`ops:${TEST_TOKEN}`).toString('base64')}` });
    expect(basic.status).toBe(200);
  });

  it('lists the four queues and refuses to change them', async () => {
    const auth = { authorization: `Bearer ${TEST_TOKEN}` };
    const { queues } = (await (await get('/admin/queues/api/queues', auth)).json()) as {
      queues: { name: string; readOnlyMode: boolean }[];
    };
    expect(queues.map((queue) => queue.name).sort()).toEqual(['events', 'ingest', 'ranking', 'sources']);
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
    const clean = await fetch(new URL('/admin/queues/api/queues/ingest/clean/failed', stack.baseUrl), { method: 'PUT', headers: auth });
    // Refused as forbidden, in the API's error shape: no other method would do it either.
    expect(clean.status).toBe(403);
    expect(await clean.json()).toMatchObject({ error: { code: 'read_only' } });
  });
});

describe('the OpenAPI document', () => {
  it('is served at /openapi.json and is valid OpenAPI 3.1', async () => {
    const { status, body } = await getJson<Record<string, unknown>>(stack.baseUrl, '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(body);
    expect(result.errors ?? []).toEqual([]);
  });
});
