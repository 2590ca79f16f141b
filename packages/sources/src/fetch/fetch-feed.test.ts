import type { LookupAddress } from 'node:dns';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchOutcome, FetchSettings, SourceFetchState } from '../contract.ts';
import { checkFetchUrl } from '../guard/check-fetch-url.ts';
import { guardedLookup, type Resolver } from '../guard/guarded-lookup.ts';
import { fetchFeed, fetchFeedThrough, type FetchNetwork } from './fetch-feed.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';
const MIB = 1024 * 1024;
const routes = new Map<string, Handler>();
const seen: IncomingMessage[] = [];
const held = new Set<Socket>();
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createHttpServer((req, res) => {
    seen.push(req);
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler === undefined) {
      res.writeHead(404).end();
      return;
    }
    handler(req, res);
  });
  server.on('connection', (socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((done) => server.close(done));
});

const route = (path: string, handler: Handler) => {
  routes.set(path, handler);
  return `${origin}${path}`;
};
const settings = (over: Partial<FetchSettings> = {}): FetchSettings => ({
  allowPrivate: true,
  maxBytes: MIB,
  connectTimeoutMs: 2000,
  totalTimeoutMs: 5000,
  userAgent: 'newsrank/0.1.0 (+https://newsrank.example/)',
  maxRedirects: 5,
  ...over,
});
const state = (url: string, over: Partial<SourceFetchState> = {}): SourceFetchState => ({ url, etag: null, lastModified: null, ...over });
const fetchAt = (url: string, over: Partial<FetchSettings> = {}, fetchState: Partial<SourceFetchState> = {}) =>
  fetchFeed(state(url, fetchState), settings(over));

function expectFailed(outcome: FetchOutcome): Extract<FetchOutcome, { kind: 'failed' }> {
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.kind}`);
  return outcome;
}
function expectChanged(outcome: FetchOutcome): Extract<FetchOutcome, { kind: 'changed' }> {
  if (outcome.kind !== 'changed') throw new Error(`expected a changed feed, got ${outcome.kind}: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('fetchFeed: an answer with a body', () => {
  it('returns the body, its validators, max-age and the WebSub links, and says who is asking', async () => {
    const url = route('/feed', (_req, res) => {
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          etag: '"v1"',
          'last-modified': 'Mon, 13 Jan 2025 09:00:00 GMT',
          'cache-control': 'public, max-age=600',
          link: '<https://hub.example/>; rel="hub", </feed>; rel="self"',
        })
        .end(RSS);
    });
    const outcome = expectChanged(await fetchAt(url));
    expect(outcome).toMatchObject({
      status: 200,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Mon, 13 Jan 2025 09:00:00 GMT',
      maxAgeSeconds: 600,
      hubLinks: ['https://hub.example/'],
      selfLinks: [url],
      permanentUrl: null,
      url,
    });
    expect(outcome.body.toString()).toBe(RSS);
    const req = seen.at(-1)!;
    expect(req.headers['user-agent']).toBe('newsrank/0.1.0 (+https://newsrank.example/)');
    expect(req.headers['accept-encoding']).toBe('gzip, br, deflate');
    expect(req.headers.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(req.headers['if-none-match']).toBeUndefined();
  });

  it('asks conditionally and reports a 304 as not modified', async () => {
    const url = route('/conditional', (req, res) => {
      if (req.headers['if-none-match'] === '"v2"') res.writeHead(304, { 'cache-control': 'max-age=60' }).end();
      else res.writeHead(200, { etag: '"v2"' }).end(RSS);
    });
    const first = expectChanged(await fetchAt(url));
    const second = await fetchAt(url, {}, { etag: first.etag, lastModified: 'Mon, 13 Jan 2025 09:00:00 GMT' });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304, maxAgeSeconds: 60, permanentUrl: null });
    expect(seen.at(-1)!.headers['if-none-match']).toBe('"v2"');
    expect(seen.at(-1)!.headers['if-modified-since']).toBe('Mon, 13 Jan 2025 09:00:00 GMT');
  });

  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
  ] as const)('decodes %s', async (encoding, compress) => {
    const url = route(`/encoded-${encoding}`, (_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding }).end(compress(Buffer.from(RSS)));
    });
    expect(expectChanged(await fetchAt(url)).body.toString()).toBe(RSS);
  });

  it('stops a gzip bomb at maxBytes after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * MIB));
    const url = route('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb);
    });
    expect(bomb.length).toBeLessThan(MIB);
    const failure = expectFailed(await fetchAt(url));
    expect(failure).toMatchObject({ reason: 'too-large', status: 200, message: 'the answer is larger than 1 MiB after decompression' });
  });

  it('bounds the compressed stream too', async () => {
    const noise = gzipSync(randomBytes(2 * MIB));
    const url = route('/noise', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(noise);
    });
    expect(expectFailed(await fetchAt(url))).toMatchObject({
      reason: 'too-large',
      message: 'the answer is larger than 1 MiB even compressed',
    });
  });

  it('refuses a plain body over maxBytes, declared or streamed', async () => {
    const declared = route('/declared', (_req, res) => res.writeHead(200, { 'content-length': 2 * MIB }).end(Buffer.alloc(2 * MIB)));
    const streamed = route('/streamed', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 8; i++) res.write(Buffer.alloc(MIB / 4 + 1));
      res.end();
    });
    for (const url of [declared, streamed]) {
      expect(expectFailed(await fetchAt(url))).toMatchObject({ reason: 'too-large', message: 'the answer is larger than 1 MiB' });
    }
    expect(expectChanged(await fetchAt(declared, { maxBytes: 2 * MIB })).body.length).toBe(2 * MIB);
  });

  it('says so when a compressed body is corrupt or in an encoding it did not ask for', async () => {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const corrupt = route(`/corrupt-${encoding}`, (_req, res) =>
        res.writeHead(200, { 'content-encoding': encoding }).end('this is not compressed at all'),
      );
      expect(expectFailed(await fetchAt(corrupt))).toMatchObject({
        reason: 'http-error',
        status: 200,
        message: `the answer's ${encoding} encoding is corrupt`,
      });
    }
    const zstd = route('/zstd', (_req, res) => res.writeHead(200, { 'content-encoding': 'zstd' }).end('x'));
    expect(expectFailed(await fetchAt(zstd)).message).toMatch(/encoded as zstd/);
  });
});

describe('fetchFeed: redirects', () => {
  const redirect =
    (status: number, to: string): Handler =>
    (_req, res) =>
      res.writeHead(status, { location: to }).end();

  it('follows a chain of permanent redirects and names the new URL', async () => {
    route('/p1', redirect(301, '/p2'));
    route('/p2', redirect(308, `${origin}/p3`));
    const end = route('/p3', (_req, res) => res.writeHead(200).end(RSS));
    const outcome = expectChanged(await fetchAt(`${origin}/p1`));
    expect(outcome).toMatchObject({ permanentUrl: end, url: end });
  });

  it('keeps the stored URL when any redirect on the way is temporary', async () => {
    route('/m1', redirect(301, '/m2'));
    route('/m2', redirect(302, '/m3'));
    const end = route('/m3', (_req, res) => res.writeHead(200).end(RSS));
    expect(expectChanged(await fetchAt(`${origin}/m1`))).toMatchObject({ permanentUrl: null, url: end });
  });

  it('names the new URL of a permanently moved feed that has not changed', async () => {
    route('/moved', redirect(301, '/moved-here'));
    const end = route('/moved-here', (_req, res) => res.writeHead(304).end());
    expect(await fetchAt(`${origin}/moved`, {}, { etag: '"x"' })).toMatchObject({ kind: 'not-modified', permanentUrl: end });
  });

  it('gives up on a redirect loop after maxRedirects', async () => {
    route('/loop-a', redirect(302, '/loop-b'));
    route('/loop-b', redirect(302, '/loop-a'));
    const before = seen.length;
    const failure = expectFailed(await fetchAt(`${origin}/loop-a`));
    expect(failure).toMatchObject({ reason: 'too-many-redirects', status: 302 });
    expect(failure.message).toMatch(/the redirects loop/);
    expect(seen.length - before).toBe(6);
  });

  it('gives up after maxRedirects distinct redirects', async () => {
    for (let i = 0; i < 7; i++) route(`/hop${i}`, redirect(301, `/hop${i + 1}`));
    route('/hop7', (_req, res) => res.writeHead(200).end(RSS));
    expect(expectFailed(await fetchAt(`${origin}/hop0`))).toMatchObject({
      reason: 'too-many-redirects',
      message: `more than 5 redirects (the last to ${origin}/hop6)`,
    });
    expect(expectChanged(await fetchAt(`${origin}/hop0`, { maxRedirects: 7 })).url).toBe(`${origin}/hop7`);
  });

  it('refuses a redirect to a URL that is not http(s)', async () => {
    const url = route('/to-file', redirect(302, 'file:///etc/passwd'));
    expect(expectFailed(await fetchAt(url)).message).toMatch(/redirected to file:\/\/\/etc\/passwd, which is refused: only http and https/);
  });
});

describe('fetchFeed: the address guard on every hop', () => {
  /** The test server as a public host `feed.test`, everything else through the real guard. */
  const network = (resolve?: Resolver): FetchNetwork => {
    const guarded = guardedLookup(false, resolve);
    return {
      checkUrl: (url) => (new URL(url).hostname === 'feed.test' ? new URL(url) : checkFetchUrl(url, { allowPrivate: false })),
      lookup: (hostname, options, callback) => {
        if (hostname !== 'feed.test') return guarded(hostname, options, callback);
        const address: LookupAddress = { address: '127.0.0.1', family: 4 };
        return options.all === true ? callback(null, [address]) : callback(null, address.address, address.family);
      },
    };
  };
  const publicUrl = (path: string) => `http://feed.test:${new URL(origin).port}${path}`;

  it('reaches the public host itself', async () => {
    route('/guarded', (_req, res) => res.writeHead(200).end(RSS));
    expect(expectChanged(await fetchFeedThrough(network(), state(publicUrl('/guarded')), settings({ allowPrivate: false }))).url).toBe(
      publicUrl('/guarded'),
    );
  });

  it.each([
    ['a loopback literal', () => `${origin}/feed`],
    ['localhost', () => `http://localhost:${new URL(origin).port}/feed`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a numeric loopback', () => 'http://2130706433/'],
    ['an IPv4-mapped loopback', () => 'http://[::ffff:127.0.0.1]/'],
  ])('refuses a redirect to %s', async (_name, target) => {
    const before = seen.length;
    route('/redirect-inside', (_req, res) => res.writeHead(302, { location: target() }).end());
    const failure = expectFailed(
      await fetchFeedThrough(network(), state(publicUrl('/redirect-inside')), settings({ allowPrivate: false })),
    );
    expect(failure.reason).toBe('refused-address');
    expect(failure.message).toMatch(/^redirected to .*, which is refused: .* newsrank does not fetch/);
    expect(seen.length - before).toBe(1);
  });

  it('refuses a name that resolves to a private address among public ones (DNS rebinding)', async () => {
    const rebinding: Resolver = (_hostname, _options, callback) =>
      callback(null, [
        { address: '93.184.215.14', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    route('/to-rebinding', (_req, res) => res.writeHead(301, { location: 'http://rebind.example/feed' }).end());
    const failure = expectFailed(
      await fetchFeedThrough(network(rebinding), state(publicUrl('/to-rebinding')), settings({ allowPrivate: false })),
    );
    expect(failure).toMatchObject({
      reason: 'refused-address',
      message: expect.stringMatching(/^rebind\.example \(127\.0\.0\.1\) is a loopback address/),
    });
  });

  it('refuses the test server itself by default, before connecting', async () => {
    const before = seen.length;
    expect(expectFailed(await fetchAt(`${origin}/feed`, { allowPrivate: false })).reason).toBe('refused-address');
    expect(expectFailed(await fetchAt(`http://localhost:${new URL(origin).port}/feed`, { allowPrivate: false })).reason).toBe(
      'refused-address',
    );
    expect(seen.length).toBe(before);
  });

  it('reports a name DNS does not know', async () => {
    const unknown: Resolver = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo' }), []);
    route('/to-nowhere', (_req, res) => res.writeHead(302, { location: 'http://nowhere.example/feed' }).end());
    expect(
      expectFailed(await fetchFeedThrough(network(unknown), state(publicUrl('/to-nowhere')), settings({ allowPrivate: false }))),
    ).toMatchObject({ reason: 'dns', message: 'nowhere.example was not found in DNS' });
  });
});

describe('fetchFeed: errors', () => {
  it('times out on a server that never answers', async () => {
    const url = route('/silent', () => {});
    const failure = expectFailed(await fetchAt(url, { totalTimeoutMs: 300 }));
    expect(failure).toMatchObject({
      reason: 'timeout',
      status: null,
      message: `timed out after 300 ms waiting for ${new URL(origin).host}`,
    });
  });

  it('times out on a body that never ends', async () => {
    const url = route('/dribble', (_req, res) => {
      res.writeHead(200);
      res.write('<rss>');
    });
    expect(expectFailed(await fetchAt(url, { totalTimeoutMs: 300 })).message).toBe(
      `timed out after 300 ms reading the answer from ${new URL(origin).host}`,
    );
  });

  it('times out connecting when the TLS handshake never completes', async () => {
    const sockets = new Set<Socket>();
    const mute = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((done) => mute.listen(0, '127.0.0.1', done));
    const host = `127.0.0.1:${(mute.address() as AddressInfo).port}`;
    try {
      const failure = expectFailed(await fetchAt(`https://${host}/feed`, { connectTimeoutMs: 200 }));
      expect(failure).toMatchObject({ reason: 'timeout', message: `timed out after 200 ms connecting to ${host}` });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => mute.close(done));
    }
  });

  it('reports a refused connection', async () => {
    const closed = createTcpServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const host = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((done) => closed.close(done));
    expect(expectFailed(await fetchAt(`http://${host}/feed`))).toMatchObject({
      reason: 'connection',
      message: `${host} refused the connection`,
    });
  });

  it('reads Retry-After on a 429 as seconds or as a date, and does not call it a failure of the feed', async () => {
    const seconds = route('/429', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const date = route('/429-date', (_req, res) => res.writeHead(429, { 'retry-after': 'Mon, 13 Jan 2025 12:10:00 GMT' }).end());
    expect(expectFailed(await fetchAt(seconds))).toMatchObject({
      reason: 'rate-limited',
      status: 429,
      retryAfterSeconds: 120,
      message: `HTTP 429 Too Many Requests from ${new URL(origin).host}; it asks to retry after 120 s`,
    });
    const now = () => Date.parse('2025-01-13T12:00:00Z');
    expect(expectFailed(await fetchFeed(state(date), settings(), { now }))).toMatchObject({
      reason: 'rate-limited',
      retryAfterSeconds: 600,
    });
  });

  it('reads a 503 with Retry-After as rate limiting, and one without as an error', async () => {
    const later = route('/503-later', (_req, res) => res.writeHead(503, { 'retry-after': '30' }).end('down for maintenance'));
    const down = route('/503', (_req, res) => res.writeHead(503).end('down'));
    expect(expectFailed(await fetchAt(later))).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 30 });
    expect(expectFailed(await fetchAt(down))).toMatchObject({ reason: 'http-error', status: 503, retryAfterSeconds: null });
  });

  it('reports 410 as gone', async () => {
    const url = route('/gone', (_req, res) => res.writeHead(410).end());
    expect(expectFailed(await fetchAt(url))).toMatchObject({
      reason: 'gone',
      status: 410,
      message: `HTTP 410 Gone: ${new URL(origin).host} says the feed is gone for good`,
    });
  });

  it('tells a bot-challenge page from a plain 403', async () => {
    const challenge = route('/challenge', (_req, res) => {
      res
        .writeHead(403, { 'content-type': 'text/html; charset=UTF-8', 'content-encoding': 'gzip' })
        .end(
          gzipSync(
            '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>',
          ),
        );
    });
    const captcha = route('/captcha', (_req, res) =>
      res.writeHead(401, { 'content-type': 'text/html' }).end('<html><div class="g-recaptcha"></div></html>'),
    );
    const forbidden = route('/forbidden', (_req, res) =>
      res.writeHead(403, { 'content-type': 'text/html' }).end('<html><h1>Forbidden</h1></html>'),
    );
    const host = new URL(origin).host;
    expect(expectFailed(await fetchAt(challenge))).toMatchObject({
      reason: 'challenge',
      status: 403,
      message: `HTTP 403 with a bot-challenge page (Cloudflare) from ${host}`,
    });
    expect(expectFailed(await fetchAt(captcha))).toMatchObject({
      reason: 'challenge',
      status: 401,
      message: `HTTP 401 with a bot-challenge page (a captcha) from ${host}`,
    });
    expect(expectFailed(await fetchAt(forbidden))).toMatchObject({
      reason: 'http-error',
      status: 403,
      message: `HTTP 403 Forbidden from ${host}`,
    });
  });

  it('reports other statuses as HTTP errors', async () => {
    const url = route('/broken', (_req, res) => res.writeHead(500).end('oops'));
    expect(expectFailed(await fetchAt(url))).toMatchObject({
      reason: 'http-error',
      status: 500,
      message: `HTTP 500 Internal Server Error from ${new URL(origin).host}`,
    });
    expect(expectFailed(await fetchAt(`${origin}/nothing-here`))).toMatchObject({ reason: 'http-error', status: 404 });
  });

  it("rejects with the caller's reason when the caller cancels", async () => {
    const url = route('/cancelled', () => {});
    const controller = new AbortController();
    const pending = fetchFeed(state(url), settings(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(pending).rejects.toThrow('shutting down');
  });
});
