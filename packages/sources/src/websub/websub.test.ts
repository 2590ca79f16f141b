import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverHub } from './discover-hub.ts';
import { renewAt } from './lease.ts';
import { postToHub } from './post-to-hub.ts';
import { verifyHubSignature } from './signature.ts';
import { buildSubscribeRequest, newHubSecret } from './subscribe-request.ts';
import { readHubVerification } from './verification.ts';

describe('discoverHub', () => {
  const input = { hubLinks: [], selfLinks: [], documentHubs: [], documentSelf: null, fetchedUrl: 'https://news.example/feed.xml' };
  it.each([
    ['no hub anywhere', {}, null],
    [
      'a hub in the document, topic from the document',
      { documentHubs: ['https://hub.example/'], documentSelf: 'https://news.example/rss' },
      { hub: 'https://hub.example/', topic: 'https://news.example/rss' },
    ],
    [
      'HTTP Link headers before the document',
      {
        hubLinks: ['https://http-hub.example/'],
        selfLinks: ['https://news.example/self'],
        documentHubs: ['https://doc-hub.example/'],
        documentSelf: 'https://news.example/doc-self',
      },
      { hub: 'https://http-hub.example/', topic: 'https://news.example/self' },
    ],
    [
      'no self link: the fetched URL is the topic',
      { documentHubs: ['https://hub.example/'] },
      { hub: 'https://hub.example/', topic: 'https://news.example/feed.xml' },
    ],
    [
      'relative links resolved against the fetched URL',
      { documentHubs: ['/hub'], documentSelf: 'feed.xml?format=rss' },
      { hub: 'https://news.example/hub', topic: 'https://news.example/feed.xml?format=rss' },
    ],
    [
      'unusable hubs skipped',
      { documentHubs: ['javascript:alert(1)', 'mailto:x@y', 'https://user:pw@hub.example/', 'http://ok-hub.example/'] },
      { hub: 'http://ok-hub.example/', topic: 'https://news.example/feed.xml' },
    ],
  ])('%s', (_name, over, expected) => {
    expect(discoverHub({ ...input, ...over })).toEqual(expected);
  });
});

describe('buildSubscribeRequest', () => {
  const base = {
    hub: 'https://hub.example/',
    topic: 'https://news.example/feed',
    callback: 'https://newsrank.example/v1/websub/news',
    secret: 's3cret',
    leaseSeconds: 864_000,
  };
  it('asks to subscribe with the callback, the secret and the lease', () => {
    const { url, body } = buildSubscribeRequest({ ...base, mode: 'subscribe' });
    expect(url).toBe('https://hub.example/');
    expect(Object.fromEntries(body)).toEqual({
      'hub.callback': 'https://newsrank.example/v1/websub/news',
      'hub.mode': 'subscribe',
      'hub.topic': 'https://news.example/feed',
      'hub.lease_seconds': '864000',
      'hub.secret': 's3cret',
    });
  });
  it('unsubscribes without secret or lease', () => {
    expect(Object.fromEntries(buildSubscribeRequest({ ...base, mode: 'unsubscribe' }).body)).toEqual({
      'hub.callback': base.callback,
      'hub.mode': 'unsubscribe',
      'hub.topic': base.topic,
    });
  });
  it('leaves the lease to the hub when none is asked for', () => {
    expect(buildSubscribeRequest({ ...base, leaseSeconds: null, mode: 'subscribe' }).body.has('hub.lease_seconds')).toBe(false);
  });
  it('refuses a secret of 200 bytes or more', () => {
    expect(() => buildSubscribeRequest({ ...base, secret: 'x'.repeat(200), mode: 'subscribe' })).toThrow(RangeError);
    expect(() => buildSubscribeRequest({ ...base, secret: 'é'.repeat(100), mode: 'subscribe' })).toThrow(RangeError);
    expect(buildSubscribeRequest({ ...base, secret: newHubSecret(), mode: 'subscribe' }).body.get('hub.secret')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifyHubSignature', () => {
  const body = Buffer.from('<feed>pushed</feed>');
  const sign = (algorithm: string, secret = 'k', content = body) =>
    `${algorithm}=${createHmac(algorithm, secret).update(content).digest('hex')}`;

  it.each(['sha1', 'sha256', 'sha384', 'sha512'])('accepts a valid %s signature', (algorithm) => {
    expect(verifyHubSignature(sign(algorithm), 'k', body)).toBe(true);
    expect(verifyHubSignature(sign(algorithm).toUpperCase().replace(/^SHA/, 'sha'), 'k', body)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the wrong secret', sign('sha256', 'other')],
    ['another body', sign('sha256', 'k', Buffer.from('<feed>forged</feed>'))],
    ['an unsupported method', sign('md5')],
    ['a method without a value', 'sha256='],
    ['a truncated signature', sign('sha256').slice(0, -2)],
    ['a sha1-length value labelled sha256', `sha256=${createHmac('sha1', 'k').update(body).digest('hex')}`],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('refuses %s', (_name, header) => {
    expect(verifyHubSignature(header, 'k', body)).toBe(false);
  });
});

describe('renewAt', () => {
  const now = new Date('2025-01-13T12:00:00Z');
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  it.each([
    ['a 10-day lease at 80%', days(10), days(8)],
    ['a 2-day lease a day before it ends', days(2), days(1)],
    ['a 4-day lease a day before it ends', days(4), days(3)],
    ['a 1-day lease at half, not at once', days(1), days(0.5)],
    ['an hour-long lease at half', new Date(now.getTime() + 3_600_000), new Date(now.getTime() + 1_800_000)],
    ['an ended lease now', days(-1), now],
  ])('renews %s', (_name, expiresAt, expected) => {
    expect(renewAt(expiresAt, now).toISOString()).toBe(expected.toISOString());
  });
});

describe('readHubVerification', () => {
  const topic = 'https://news.example/feed';
  const query = (params: Record<string, string>) => new URLSearchParams(params);
  it.each([
    [
      { 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': 'abc', 'hub.lease_seconds': '86400' },
      undefined,
      { kind: 'verify', mode: 'subscribe', challenge: 'abc', leaseSeconds: 86_400 },
    ],
    [
      { 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.challenge': 'abc' },
      'unsubscribe',
      { kind: 'verify', mode: 'unsubscribe', challenge: 'abc', leaseSeconds: null },
    ],
    [
      { 'hub.mode': 'subscribe', 'hub.topic': 'https://NEWS.example/feed', 'hub.challenge': 'abc', 'hub.lease_seconds': 'forever' },
      undefined,
      { kind: 'verify', mode: 'subscribe', challenge: 'abc', leaseSeconds: null },
    ],
    [{ 'hub.mode': 'denied', 'hub.topic': topic, 'hub.reason': 'not allowed' }, 'subscribe', { kind: 'denied', reason: 'not allowed' }],
    [{ 'hub.mode': 'subscribe', 'hub.topic': 'https://other.example/feed', 'hub.challenge': 'abc' }, undefined, { kind: 'invalid' }],
    [{ 'hub.mode': 'subscribe', 'hub.topic': topic }, undefined, { kind: 'invalid' }],
    [{ 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.challenge': 'abc' }, 'subscribe', { kind: 'invalid' }],
    [{ 'hub.mode': 'publish', 'hub.topic': topic, 'hub.challenge': 'abc' }, undefined, { kind: 'invalid' }],
    [{ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': 'x'.repeat(2000) }, undefined, { kind: 'invalid' }],
  ] as const)('%j (expecting %s)', (params, mode, expected) => {
    const expectedTopic = mode === undefined ? { topic } : { topic, mode };
    expect(readHubVerification(query(params), expectedTopic)).toMatchObject(expected);
  });
});

describe('postToHub', () => {
  let server: Server;
  let hub: string;
  const received: { req: IncomingMessage; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ req, body });
        if (req.url === '/hub') res.writeHead(202).end();
        else res.writeHead(400, { 'content-type': 'text/plain' }).end('hub.topic   is not\nallowed here');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  const settings = { allowPrivate: true, connectTimeoutMs: 2000, totalTimeoutMs: 5000, userAgent: 'newsrank/0.1.0' };
  const request = (url: string) =>
    buildSubscribeRequest({
      hub: url,
      topic: 'https://news.example/feed',
      callback: 'https://n.example/v1/websub/x',
      secret: 'k',
      leaseSeconds: 3600,
      mode: 'subscribe',
    });

  it('posts the form and reports the hub accepting it', async () => {
    const answer = await postToHub(request(`${hub}/hub`), settings);
    expect(answer).toMatchObject({ accepted: true, status: 202 });
    const last = received.at(-1)!;
    expect(last.req.method).toBe('POST');
    expect(last.req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(last.body).get('hub.topic')).toBe('https://news.example/feed');
  });

  it('quotes what a refusing hub says', async () => {
    expect(await postToHub(request(`${hub}/strict`), settings)).toEqual({
      accepted: false,
      status: 400,
      message: `the hub ${new URL(hub).host} refused the request (HTTP 400 Bad Request): hub.topic is not allowed here`,
    });
  });

  it('refuses a hub at a private address by default, without sending anything', async () => {
    const before = received.length;
    const answer = await postToHub(request(`${hub}/hub`), { ...settings, allowPrivate: false });
    expect(answer).toMatchObject({
      accepted: false,
      status: null,
      message: expect.stringMatching(/is refused: 127\.0\.0\.1 is a loopback address/),
    });
    expect(received.length).toBe(before);
  });
});
