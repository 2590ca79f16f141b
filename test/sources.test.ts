import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories, type TestStory } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { freePort } from './support/processes.ts';
import { Publisher } from './support/publisher.ts';
import { TEST_TOKEN, eventually, startStack, type Stack } from './support/stack.ts';

interface Source {
  slug: string;
  url: string;
  title: string | null;
  siteUrl: string | null;
  category: string | null;
  paused: boolean;
  status: string;
  interval: number;
  lastFetchedAt: string | null;
  nextFetchAt: string | null;
  lastHttpStatus: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  articles: number;
  websub: null | { hub: string; expiresAt: string | null; state: string };
}

const auth = { authorization: `Bearer ${TEST_TOKEN}` };
let stack: Stack;
let publisher: Publisher;

beforeAll(async () => {
  publisher = await new Publisher().start();
  stack = await startStack([], {
    FETCH_ALLOW_PRIVATE: 'true',
    POLL_MIN_INTERVAL: '1s',
    POLL_MAX_INTERVAL: '3s',
    POLL_TICK: '250ms',
    POLL_MAX_FAILURES: '3',
    FETCH_TIMEOUT: '2s',
    FETCH_CONNECT_TIMEOUT: '1s',
    FEED_MAX_BYTES: String(256 * 1024),
  });
  // Two ingest workers poll the same sources: each due fetch must still happen once.
  stack.env.PUBLIC_URL = stack.baseUrl;
  await Promise.all([stack.start('api'), stack.start('ingest-worker'), stack.start('ingest-worker')]);
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  await publisher?.stop();
});

async function subscribe(body: Record<string, unknown>): Promise<{ status: number; source: Source }> {
  const response = await fetch(`${stack.baseUrl}/v1/sources`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, source: (await response.json()) as Source };
}

async function source(slug: string): Promise<Source> {
  const response = await fetch(`${stack.baseUrl}/v1/sources/${slug}`, { headers: auth });
  expect(response.status).toBe(200);
  return (await response.json()) as Source;
}

const until = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000) => eventually(probe, timeoutMs, what);

function site(name: string, count: number): TestStory[] {
  return testStories(count, `https://${name}.example`).map((story) => ({
    ...story,
    published: new Date(Date.now() - story.n * 3_600_000),
  }));
}

describe('subscribing to a feed', () => {
  it('fetches it at once, files its articles under the source, and reads title and site from the feed', async () => {
    const url = publisher.feed('/first.xml', () => rssFeed(site('first', 3)));
    const { status, source: created } = await subscribe({ url, slug: 'first', category: 'World' });
    expect(status).toBe(201);
    expect(created).toMatchObject({ slug: 'first', url, status: 'pending', paused: false, websub: null });

    const fetched = await until('the first fetch', async () => {
      const current = await source('first');
      return current.articles === 3 ? current : undefined;
    });
    expect(fetched).toMatchObject({
      status: 'ok',
      title: 'News Example',
      siteUrl: 'https://news.example/',
      lastHttpStatus: 200,
      consecutiveFailures: 0,
    });
    const articles = await getJson<{ items: { source: string }[] }>(stack.baseUrl, '/v1/articles?source=first');
    expect(articles.body.items.map((article) => article.source)).toEqual(['first', 'first', 'first']);

    const first = publisher.requestsTo('/first.xml')[0]!;
    expect(first.headers['user-agent']).toMatch(/^newsrank\/\d+\.\d+\.\d+ \(\+https?:\/\//);
    expect(first.headers['accept-encoding']).toMatch(/gzip/);
    expect(first.headers['accept-encoding']).toMatch(/br/);

    const again = await subscribe({ url });
    expect(again.status).toBe(200);
    expect(again.source.slug).toBe('first');
  });

  it('asks again with the ETag it was given, and a 304 changes nothing but the health', async () => {
    await until('conditional fetches', async () => (publisher.requestsTo('/first.xml').length >= 3 ? true : undefined));
    const later = publisher.requestsTo('/first.xml').slice(1);
    expect(later.every((request) => typeof request.headers['if-none-match'] === 'string')).toBe(true);
    expect((await source('first')).articles).toBe(3);
  });

  it('fetches each source once per interval with two ingest workers polling', async () => {
    const url = publisher.feed('/steady.xml', () => rssFeed(site('steady', 2)));
    await subscribe({ url, slug: 'steady', interval: 1 });
    await until('five fetches', async () => (publisher.requestsTo('/steady.xml').length >= 5 ? true : undefined));
    const times = publisher.requestsTo('/steady.xml').map((request) => request.at);
    // One fetch per due time: no two within much less than the one-second interval.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(700);
  });

  it('is one article when the same story is both posted and polled', async () => {
    const stories = site('shared', 2);
    await ingest(stack.baseUrl, rssFeed(stories), { source: 'publisher-push' });
    const url = publisher.feed('/shared.xml', () => rssFeed(stories));
    await subscribe({ url, slug: 'shared' });
    await until('the polled copy', async () => ((await source('shared')).lastHttpStatus === 200 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const all = await getJson<{ items: { url: string }[] }>(stack.baseUrl, '/v1/articles?limit=100');
    for (const story of stories) expect(all.body.items.filter((article) => article.url === story.url)).toHaveLength(1);
  });

  it('reads a gzip answer and refuses one larger than FEED_MAX_BYTES after decompression', async () => {
    const small = publisher.route('/gzip.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(rssFeed(site('gzip', 2))));
    });
    const bomb = publisher.route('/bomb.xml', (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.alloc(4 * 1024 * 1024, ' ')));
    });
    await subscribe({ url: small, slug: 'gzip' });
    await subscribe({ url: bomb, slug: 'bomb' });
    await until('the gzip feed', async () => ((await source('gzip')).articles === 2 ? true : undefined));
    const refused = await until('the bomb refused', async () => {
      const current = await source('bomb');
      return current.lastError ? current : undefined;
    });
    expect(refused.status).toBe('failing');
    expect(refused.lastError).toMatch(/larger than/i);
  });
});

describe('what publishers answer', () => {
  it('a 429 with Retry-After is waited out and not counted as a failure', async () => {
    const url = publisher.route('/busy.xml', (_req, res) => {
      res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/plain' }).end('slow down');
    });
    await subscribe({ url, slug: 'busy' });
    const limited = await until('the 429', async () => {
      const current = await source('busy');
      return current.lastHttpStatus === 429 ? current : undefined;
    });
    expect(limited.consecutiveFailures).toBe(0);
    expect(limited.status).not.toBe('disabled');
    expect(Date.parse(limited.nextFetchAt!) - Date.parse(limited.lastFetchedAt!)).toBeGreaterThanOrEqual(1_500);
  });

  it('failures back off, disable the source after POLL_MAX_FAILURES, and a manual refresh that succeeds brings it back', async () => {
    let broken = true;
    const url = publisher.route('/flaky.xml', (_req, res) => {
      if (broken) res.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(site('flaky', 1)));
    });
    await subscribe({ url, slug: 'flaky' });
    const disabled = await until(
      'disabled',
      async () => {
        const current = await source('flaky');
        return current.status === 'disabled' ? current : undefined;
      },
      40_000,
    );
    expect(disabled.consecutiveFailures).toBe(3);
    expect(disabled.lastError).toMatch(/500/);
    const fetchesWhenDisabled = publisher.requestsTo('/flaky.xml').length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(publisher.requestsTo('/flaky.xml').length).toBe(fetchesWhenDisabled);

    broken = false;
    const refresh = await fetch(`${stack.baseUrl}/v1/sources/flaky/refresh`, { method: 'POST', headers: auth });
    expect(refresh.status).toBe(202);
    expect(await refresh.json()).toMatchObject({ jobId: expect.any(String), statusUrl: '/v1/sources/flaky' });
    const back = await until('back to ok', async () => {
      const current = await source('flaky');
      return current.status === 'ok' ? current : undefined;
    });
    expect(back.consecutiveFailures).toBe(0);
  });

  it('a permanent redirect moves the source; 410 Gone disables it', async () => {
    const target = publisher.feed('/moved-here.xml', () => rssFeed(site('moved', 1)));
    const old = publisher.route('/moved.xml', (_req, res) => {
      res.writeHead(301, { location: '/moved-here.xml' }).end();
    });
    await subscribe({ url: old, slug: 'moved' });
    const moved = await until('the new URL', async () => {
      const current = await source('moved');
      return current.url === target ? current : undefined;
    });
    expect(moved.status).toBe('ok');

    const gone = publisher.route('/gone.xml', (_req, res) => {
      res.writeHead(410).end();
    });
    await subscribe({ url: gone, slug: 'gone' });
    const disabled = await until('gone disabled', async () => {
      const current = await source('gone');
      return current.status === 'disabled' ? current : undefined;
    });
    expect(disabled.lastHttpStatus).toBe(410);
  });

  it('a page that is not a feed is a failure that says so', async () => {
    const url = publisher.route('/not-a-feed', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    });
    await subscribe({ url, slug: 'png' });
    const failed = await until('not a feed', async () => {
      const current = await source('png');
      return current.lastError ? current : undefined;
    });
    expect(failed.lastError).toMatch(/not a feed/i);
  });
});

describe('managing sources', () => {
  it('pauses, resumes, changes the interval and category, lists them, and deletes one keeping its articles', async () => {
    const patch = (body: unknown) =>
      fetch(`${stack.baseUrl}/v1/sources/first`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const paused = await patch({ paused: true, interval: '2s', category: 'Economy' });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ paused: true, category: 'Economy', nextFetchAt: null });
    const fetches = publisher.requestsTo('/first.xml').length;
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    // At most the one fetch that was already in flight when it was paused.
    expect(publisher.requestsTo('/first.xml').length).toBeLessThanOrEqual(fetches + 1);
    expect(await (await patch({ paused: false })).json()).toMatchObject({ paused: false });
    expect((await patch({ interval: 'soon' })).status).toBe(400);
    expect((await patch({ owner: 'me' })).status).toBe(400);

    const list = await fetch(`${stack.baseUrl}/v1/sources`, { headers: auth });
    const { items } = (await list.json()) as { items: Source[] };
    expect(items.map((item) => item.slug)).toContain('first');
    expect((await fetch(`${stack.baseUrl}/v1/sources`)).status).toBe(401);

    const deleted = await fetch(`${stack.baseUrl}/v1/sources/first`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${stack.baseUrl}/v1/sources/first`, { headers: auth })).status).toBe(404);
    const articles = await getJson<{ items: unknown[] }>(stack.baseUrl, '/v1/articles?source=first');
    expect(articles.body.items).toHaveLength(3);
  });

  it('imports OPML (folders become categories, duplicates are existing) and exports it back', async () => {
    const a = publisher.feed('/opml-a.xml', () => rssFeed(site('opml-a', 1)));
    const b = publisher.feed('/opml-b.xml', () => rssFeed(site('opml-b', 1)));
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
      <outline text="Tech"><outline text="Deep"><outline type="rss" text="A" xmlUrl="${a}"/></outline></outline>
      <outline text="Sports"><outline type="rss" text="B" xmlUrl="${b}"/><outline type="rss" text="again" xmlUrl="${b}"/></outline>
      <outline type="rss" text="steady" xmlUrl="${publisher.origin}/steady.xml"/>
      <outline type="rss" text="bad" xmlUrl="ftp://example.com/feed"/>
    </body></opml>`;
    const response = await fetch(`${stack.baseUrl}/v1/sources/opml`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/x-opml' },
      body: opml,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { added: number; existing: number; rejected: { url: string; reason: string }[] };
    expect(result.added).toBe(2);
    expect(result.existing).toBe(1);
    expect(result.rejected).toEqual([{ url: 'ftp://example.com/feed', reason: expect.any(String) }]);
    const { items } = (await (await fetch(`${stack.baseUrl}/v1/sources`, { headers: auth })).json()) as { items: Source[] };
    expect(items.find((item) => item.url === a)?.category).toBe('Deep');
    expect(items.find((item) => item.url === b)?.category).toBe('Sports');

    const exported = await fetch(`${stack.baseUrl}/v1/sources.opml`, { headers: auth });
    expect(exported.headers.get('content-type')).toMatch(/opml/);
    const text = await exported.text();
    expect(text).toContain(`xmlUrl="${a}"`);
    expect(text).toContain(`xmlUrl="${b}"`);
  });
});

describe('the command line', () => {
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../services/cli/src/main.ts', import.meta.url)), 'sources', ...args, '--api', stack.baseUrl],
      {
        encoding: 'utf8',
        env: { ...process.env, INGEST_TOKENS: TEST_TOKEN, NODE_ENV: 'test' },
      },
    );

  it('adds, lists, refreshes and imports through the running API', async () => {
    const url = publisher.feed('/from-cli.xml', () => rssFeed(site('from-cli', 1)));
    const added = cli('add', url, '--slug', 'from-cli', '--category', 'World');
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ slug: 'from-cli', url, category: 'World' });
    await until('the CLI source fetched', async () => ((await source('from-cli')).articles === 1 ? true : undefined));

    const listed = cli('list');
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^slug\s+status/);
    expect(listed.stdout).toContain('from-cli');

    const refreshed = cli('refresh', 'from-cli');
    expect(refreshed.status, refreshed.stderr).toBe(0);
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ statusUrl: '/v1/sources/from-cli' });
    expect(cli('refresh', 'no-such-source').status).toBe(1);
  });
});

describe('the sources page', () => {
  const basic = { authorization: `Basic ${Buffer.from(`editor:${TEST_TOKEN}`).toString('base64')}` };

  it('lists sources with their health behind the token, and adds one from its form', async () => {
    expect((await fetch(`${stack.baseUrl}/admin/sources`)).status).toBe(401);
    const page = await fetch(`${stack.baseUrl}/admin/sources`, { headers: basic });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<code>steady</code>');
    expect(html).toMatch(/<form method="post" action="\/admin\/sources"/);

    const url = publisher.feed('/from-page.xml', () => rssFeed(site('from-page', 1)));
    const added = await fetch(`${stack.baseUrl}/admin/sources`, {
      method: 'POST',
      headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded', origin: stack.baseUrl },
      body: new URLSearchParams({ url, category: 'Culture' }),
    });
    expect(added.status).toBe(201);
    expect(await added.text()).toContain(`Subscribed to ${url}`);
    const { items } = (await (await fetch(`${stack.baseUrl}/v1/sources`, { headers: auth })).json()) as { items: Source[] };
    expect(items.find((item) => item.url === url)?.category).toBe('Culture');
  });

  it('refuses a form posted from another site, in the JSON error shape', async () => {
    const response = await fetch(`${stack.baseUrl}/admin/sources`, {
      method: 'POST',
      headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams({ url: `${publisher.origin}/evil.xml` }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'cross_site_request' } });
  });
});

describe('WebSub', () => {
  it('subscribes at the hub the feed names, answers its challenge, and ingests only correctly signed pushes', async () => {
    const hubPath = '/hub';
    const hubRequests: URLSearchParams[] = [];
    let verification: { status: number; body: string } | null = null;
    const hub = publisher.route(hubPath, async (_req, res, body) => {
      const form = new URLSearchParams(body.toString());
      hubRequests.push(form);
      res.writeHead(202).end();
      // The hub verifies intent by calling the callback with a challenge.
      const callback = new URL(form.get('hub.callback')!);
      callback.searchParams.set('hub.mode', 'subscribe');
      callback.searchParams.set('hub.topic', form.get('hub.topic')!);
      callback.searchParams.set('hub.challenge', 'challenge-1234');
      callback.searchParams.set('hub.lease_seconds', '3600');
      const answer = await fetch(callback);
      verification = { status: answer.status, body: await answer.text() };
    });
    const topic = `${publisher.origin}/pushed.xml`;
    const document = rssFeed(site('pushed', 1)).replace(
      '<channel>',
      `<channel><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="${hub}"/><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="${topic}"/>`,
    );
    publisher.feed('/pushed.xml', () => document);
    await subscribe({ url: topic, slug: 'pushed' });

    await until('the verification', async () => verification ?? undefined);
    expect(verification).toEqual({ status: 200, body: 'challenge-1234' });
    const form = hubRequests[0]!;
    expect(form.get('hub.mode')).toBe('subscribe');
    expect(form.get('hub.topic')).toBe(topic);
    expect(form.get('hub.callback')).toBe(`${stack.env.PUBLIC_URL}/v1/websub/pushed`);
    const secret = form.get('hub.secret')!;
    expect(secret.length).toBeGreaterThanOrEqual(16);
    const subscribed = await until('websub active', async () => {
      const current = await source('pushed');
      return current.websub?.state === 'active' ? current : undefined;
    });
    expect(subscribed.websub?.hub).toBe(hub);
    expect(Date.parse(subscribed.websub!.expiresAt!)).toBeGreaterThan(Date.now() + 3_000_000);

    const pushed = rssFeed([
      { n: 99, title: 'Pushed story', url: 'https://pushed.example/articles/99', published: new Date(), category: 'World' },
    ]);
    const push = (signature: string | null) =>
      fetch(`${stack.baseUrl}/v1/websub/pushed`, {
        method: 'POST',
        headers: { 'content-type': 'application/rss+xml', ...(signature === null ? {} : { 'x-hub-signature': signature }) },
        body: pushed,
      });
    expect((await push(null)).status).toBe(403);
    expect((await push(`sha256=${createHmac('sha256', 'wrong').update(pushed).digest('hex')}`)).status).toBe(403);
    const accepted = await push(`sha256=${createHmac('sha256', secret).update(pushed).digest('hex')}`);
    expect(accepted.status).toBe(202);
    await until('the pushed story', async () => {
      const articles = await getJson<{ items: { title: string; source: string }[] }>(stack.baseUrl, '/v1/articles?source=pushed&limit=100');
      return articles.body.items.some((article) => article.title === 'Pushed story') ? true : undefined;
    });
    const sha1 = `sha1=${createHmac('sha1', secret).update(pushed).digest('hex')}`;
    expect((await push(sha1)).status).toBe(202);
  });
});

describe('the address guard, as configured by default', () => {
  let guarded: string;
  beforeAll(async () => {
    const port = await freePort();
    await stack.start('api', { PORT: String(port), FETCH_ALLOW_PRIVATE: 'false' });
    guarded = `http://127.0.0.1:${port}`;
  }, 30_000);

  it.each([
    ['loopback', () => `${publisher.origin}/first.xml`],
    ['a name for loopback', () => 'http://localhost/feed.xml'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', () => 'http://10.0.0.8/feed.xml'],
    ['IPv6 loopback', () => 'http://[::1]/feed.xml'],
    ['IPv4-mapped IPv6', () => 'http://[::ffff:127.0.0.1]/feed.xml'],
    ['a decimal IPv4 number', () => 'http://2130706433/feed.xml'],
  ])('refuses %s with a 400', async (_what, url) => {
    const response = await fetch(`${guarded}/v1/sources`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ url: url() }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('refused_address');
  });

  it('refuses what is not http(s)', async () => {
    const response = await fetch(`${guarded}/v1/sources`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'file:///etc/passwd' }),
    });
    expect(response.status).toBe(400);
  });
});
