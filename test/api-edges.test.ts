import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { postEvents } from './support/events.ts';
import { sampleValue, scrape } from './support/metrics.ts';
import { TEST_TOKEN, eventually, startStack, type Stack } from './support/stack.ts';

interface Page {
  items: { id: string; categorySlug: string; source: string }[];
  nextCursor: string | null;
}
interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let stack: Stack;
let port: number;
beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '300' });
  port = Number(new URL(stack.baseUrl).port);
  await ingest(stack.baseUrl, rssFeed(testStories(30)), { source: 'paper', contentType: 'application/rss+xml' });
  await ingest(stack.baseUrl, rssFeed(testStories(10, 'https://other.example')), { source: 'other', contentType: 'application/rss+xml' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** Bytes exactly as written, which fetch would percent-encode first; the answer parsed by hand. */
function rawRequest(head: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(Buffer.from(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'utf8')),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = top.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** node:http sends no User-Agent of its own, unlike fetch. */
function nodeRequest(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expectErrorShape(
  answer: { status: number; contentType: string | null | undefined; requestId: string | null | undefined; body: unknown },
  status: number,
  code: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const error = (answer.body as { error: { code: string; message: string } }).error;
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(0);
  expect(Object.keys(answer.body as object)).toEqual(['error']);
}

const fromRaw = (raw: Raw) => ({
  status: raw.status,
  contentType: raw.headers['content-type'],
  requestId: raw.headers['x-request-id'],
  body: JSON.parse(raw.body) as unknown,
});
const fromFetch = async (response: Response) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  requestId: response.headers.get('x-request-id'),
  body: (await response.json()) as unknown,
});

describe('paging through articles by nextCursor alone', () => {
  it('continues the same category, source and limit', async () => {
    const first = await getJson<Page>(stack.baseUrl, '/v1/articles?category=politics&source=paper&limit=2');
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor !== null) {
      const page = await getJson<Page>(stack.baseUrl, `/v1/articles?cursor=${encodeURIComponent(cursor)}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    // 30 stories over 5 categories: 6 politics stories from paper, none from the other source.
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((item) => item.id)).size).toBe(6);
    expect(seen.every((item) => item.categorySlug === 'politics' && item.source === 'paper')).toBe(true);
  });

  it('accepts the same filters repeated, refuses different ones with cursor_mismatch', async () => {
    const first = await getJson<Page>(stack.baseUrl, '/v1/articles?category=politics&limit=2');
    const cursor = encodeURIComponent(first.body.nextCursor ?? '');
    expect((await getJson<Page>(stack.baseUrl, `/v1/articles?cursor=${cursor}&category=Politics`)).status).toBe(200);
    expectErrorShape(
      await fromFetch(await fetch(new URL(`/v1/articles?cursor=${cursor}&category=world`, stack.baseUrl))),
      400,
      'cursor_mismatch',
    );
    expectErrorShape(
      await fromFetch(await fetch(new URL(`/v1/articles?cursor=${cursor}&source=other`, stack.baseUrl))),
      400,
      'cursor_mismatch',
    );
  });

  it('keeps the default page of 20', async () => {
    const page = await getJson<Page>(stack.baseUrl, '/v1/articles');
    expect(page.body.items).toHaveLength(20);
    const next = await getJson<Page>(stack.baseUrl, `/v1/articles?cursor=${encodeURIComponent(page.body.nextCursor ?? '')}`);
    expect(next.body.items).toHaveLength(20);
    expect(next.body.nextCursor).toBeNull();
  });
});

describe('one error shape from every layer', () => {
  it('a raw non-ASCII query, refused by the HTTP parser', async () => {
    expectErrorShape(fromRaw(await rawRequest('GET /v1/articles?category=政治 HTTP/1.1')), 400, 'invalid_url');
  });

  it('a malformed percent-escape in the path', async () => {
    expectErrorShape(fromRaw(await rawRequest('GET /v1/articles/%E0%A4%A HTTP/1.1')), 400, 'invalid_path');
  });

  it('body parser errors: bad JSON, too large', async () => {
    const post = (body: string) =>
      fetch(new URL('/v1/events', stack.baseUrl), { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expectErrorShape(await fromFetch(await post('{"events": [')), 400, 'invalid_json');
    expectErrorShape(await fromFetch(await post(`{"events": "${'x'.repeat(2 * 1024 * 1024)}"}`)), 413, 'payload_too_large');
  });

  it('the queue dashboard', async () => {
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(new URL(`/admin/queues${path}`, stack.baseUrl), {
        ...init,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(init.headers ?? {}) },
      });
    expectErrorShape(await fromFetch(await fetch(new URL('/admin/queues/api/queues', stack.baseUrl))), 401, 'unauthorized');
    expectErrorShape(await fromFetch(await admin('/api/queues/no-such-queue/workers')), 404, 'queue_not_found');
    const { queues } = (await (await admin('/api/queues')).json()) as { queues: { name: string }[] };
    expectErrorShape(
      await fromFetch(await admin(`/api/queues/${encodeURIComponent(queues[0]?.name ?? '')}/pause`, { method: 'PUT' })),
      403,
      'read_only',
    );
    expectErrorShape(
      await fromFetch(await admin('/api/queues/pause', { method: 'PUT', body: '{', headers: { 'content-type': 'application/json' } })),
      400,
      'invalid_json',
    );
    expectErrorShape(await fromFetch(await admin('/no/such/page')), 404, 'not_found');
  });

  it('unknown routes', async () => {
    expectErrorShape(await fromFetch(await fetch(new URL('/v1/nothing-here', stack.baseUrl))), 404, 'not_found');
  });
});

describe('a known path with the wrong method', () => {
  it('is 405 with the methods the path has', async () => {
    const ranking = await fetch(new URL('/v1/ranking', stack.baseUrl), { method: 'DELETE' });
    expect(ranking.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expectErrorShape(await fromFetch(ranking), 405, 'method_not_allowed');
    const events = await fetch(new URL('/v1/events', stack.baseUrl));
    expect(events.headers.get('allow')).toBe('POST, OPTIONS');
    expectErrorShape(await fromFetch(events), 405, 'method_not_allowed');
    const articles = await fetch(new URL('/v1/articles', stack.baseUrl), { method: 'PUT' });
    expect(articles.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(articles.status).toBe(405);
  });

  it('answers OPTIONS with the same list; unknown paths stay 404', async () => {
    const options = await fetch(new URL('/v1/articles', stack.baseUrl), { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await fetch(new URL('/v1/nothing-here', stack.baseUrl), { method: 'DELETE' })).status).toBe(404);
  });
});

describe('readers without a User-Agent', () => {
  it('are counted as filtered on POST /v1/events and GET /v1/hit', async () => {
    const { items } = (await getJson<Page>(stack.baseUrl, '/v1/articles?limit=1')).body;
    const articleId = items[0]?.id ?? '';
    const body = JSON.stringify({ events: [{ type: 'view', articleId }] });
    const agentless: Record<string, string>[] = [{}, { 'user-agent': '' }];
    for (const headers of agentless) {
      const answer = await nodeRequest('POST', '/v1/events', { 'content-type': 'application/json', ...headers }, body);
      expect(answer.status).toBe(202);
      expect(JSON.parse(answer.body)).toEqual({ accepted: 0, filtered: 1, rejected: [] });
    }
    const filteredBefore = sampleValue(await scrape(stack.baseUrl), 'newsrank_events_total', { outcome: 'filtered' }) ?? 0;
    const acceptedBefore = sampleValue(await scrape(stack.baseUrl), 'newsrank_events_total', { outcome: 'accepted' }) ?? 0;
    expect((await nodeRequest('GET', `/v1/hit?article=${articleId}`, {})).status).toBe(204);
    const after = await scrape(stack.baseUrl);
    expect(sampleValue(after, 'newsrank_events_total', { outcome: 'filtered' })).toBe(filteredBefore + 1);
    expect(sampleValue(after, 'newsrank_events_total', { outcome: 'accepted' }) ?? 0).toBe(acceptedBefore);
  });
});

describe('the list stream', () => {
  it('opens with the current lists at their default sizes, then follows changes', async () => {
    const { items } = (await getJson<Page>(stack.baseUrl, '/v1/articles?limit=15&source=paper')).body;
    expect(
      (
        await postEvents(
          stack.baseUrl,
          items.map((item) => ({ type: 'view', articleId: item.id })),
        )
      ).status,
    ).toBe(202);
    await eventually(
      async () => {
        const ranking = await getJson<{ items: unknown[] }>(stack.baseUrl, '/v1/ranking?limit=100');
        const popular = await getJson<{ items: unknown[] }>(stack.baseUrl, '/v1/popular?limit=100');
        return ranking.body.items.length === 15 && popular.body.items.length === 15 ? true : undefined;
      },
      30_000,
      'both lists holding the 15 viewed articles',
    );

    const stream = await fetch(new URL('/v1/ranking/stream?category=all', stack.baseUrl));
    const reader = stream.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let text = '';
    const events = () =>
      [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1] ?? '') as { key: string; list: { items: unknown[] } });
    await eventually(
      async () => {
        text += new TextDecoder().decode((await reader.read()).value);
        return events().some((event) => event.key === 'ranking:24h:all') && events().some((event) => event.key === 'popular:all')
          ? true
          : undefined;
      },
      10_000,
      'the opening events',
    );
    const opening = events();
    const defaultRanking = (await getJson<{ items: unknown[] }>(stack.baseUrl, '/v1/ranking')).body.items;
    expect(opening.find((event) => event.key === 'ranking:24h:all')?.list.items).toEqual(defaultRanking);
    expect(opening.find((event) => event.key === 'popular:all')?.list.items).toHaveLength(10);
    expect(opening.find((event) => event.key === 'ranking:7d:all')?.list.items).toHaveLength(10);

    expect((await postEvents(stack.baseUrl, [{ type: 'view', articleId: items[14]?.id ?? '' }])).status).toBe(202);
    await eventually(
      async () => {
        text += new TextDecoder().decode((await reader.read()).value);
        return events().length > opening.length ? true : undefined;
      },
      30_000,
      'an event for the changed list',
    );
    expect(events().at(-1)?.list.items).toHaveLength(10);
    await reader.cancel();
  });
});
