import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, postFeed } from './support/http.ts';
import { TEST_TOKEN, eventually, startStack, type Stack } from './support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(['api']);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

async function expectError(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

describe('the api answers bad requests with JSON errors and stays healthy', () => {
  const feed = rssFeed(testStories(2));

  it('a feed without a token is 401', async () => {
    await expectError(await postFeed(stack.baseUrl, feed, { token: null }), 401, 'unauthorized');
  });

  it('a feed with a wrong token is 401', async () => {
    await expectError(await postFeed(stack.baseUrl, feed, { token: `${TEST_TOKEN}x` }), 401, 'unauthorized');
  });

  it('an 11 MiB body is 413', async () => {
    const big = `<rss version="2.0"><channel>${' '.repeat(11 * 1024 * 1024)}</channel></rss>`;
    await expectError(await postFeed(stack.baseUrl, big, { contentType: 'application/rss+xml' }), 413, 'payload_too_large');
  });

  it('an image is 415', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await expectError(await postFeed(stack.baseUrl, png, { contentType: 'image/png' }), 415, 'unsupported_media_type');
  });

  it('image bytes sent without a type are 415 too', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    await expectError(await postFeed(stack.baseUrl, png, { contentType: 'application/octet-stream' }), 415, 'unsupported_media_type');
  });

  it('an empty body is 400', async () => {
    await expectError(await postFeed(stack.baseUrl, '', { contentType: 'application/rss+xml' }), 400);
  });

  it('broken XML is 400 with a message that says what is wrong', async () => {
    const error = await expectError(await postFeed(stack.baseUrl, '<rss><channel><<<>>', { contentType: 'application/xml' }), 400);
    expect(error.message).toMatch(/xml|well-formed|unrecogni|parse/i);
  });

  it('POST /v1/articles needs the native shape', async () => {
    const response = await fetch(new URL('/v1/articles', stack.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [] }),
    });
    await expectError(response, 400);
  });

  it('an unknown or malformed article id is 404', async () => {
    expect((await getJson(stack.baseUrl, '/v1/articles/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getJson(stack.baseUrl, '/v1/articles/not-an-id')).status).toBe(404);
    expect((await getJson(stack.baseUrl, '/v1/ingest-jobs/nope')).status).toBe(404);
  });

  it('bad list parameters are 400', async () => {
    await expectError(await fetch(new URL('/v1/articles?limit=1000', stack.baseUrl)), 400, 'invalid_parameter');
    await expectError(await fetch(new URL('/v1/articles?cursor=garbage', stack.baseUrl)), 400, 'invalid_cursor');
  });

  it('every answer carries a request id, and a sane incoming one is kept', async () => {
    const response = await fetch(new URL('/healthz', stack.baseUrl), { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    const fresh = await fetch(new URL('/healthz', stack.baseUrl));
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The access log line is written when the answer finishes: wait for it to arrive.
    const logged = await eventually(
      async () => stack.processes[0]?.logs.find((line) => line.reqId === 'abc-123'),
      5_000,
      'the access log line',
    );
    expect(logged).toMatchObject({ reqId: 'abc-123', path: '/healthz', status: 200 });
  });

  it('after all that the server is still healthy and ready', async () => {
    expect((await getJson(stack.baseUrl, '/healthz')).status).toBe(200);
    const ready = await getJson<{ status: string }>(stack.baseUrl, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });
});
