// The beacon in Chromium, against a stand-in for the events endpoint that records what arrives:
// what a view carries, engaged time while the reader is active and the page visible, nothing
// while idle or hidden, retries, and the bare view under Global Privacy Control. Time is
// Playwright's fake clock, so 15-second reports take no real seconds.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_ASSETS, WIDGET_SCRIPT } from '../packages/web/src/assets.ts';
import { launchChromium, readerContext } from './support/web-browser.ts';

interface SentEvent {
  type: string;
  eventId: string;
  occurredAt: string;
  seconds?: number;
  [field: string]: unknown;
}

// Each test names its own article, so a report a closing page of the test before sends late is not counted here.
let run = 0;
const articleId = () => `00000000-0000-4000-8000-${String(run).padStart(12, '0')}`;
const storyUrl = () => `https://news.example/story-${run}`;
let browser: Browser;
let server: Server;
let base: string;
/** Every event posted, in order of arrival, with the status it was answered with. */
let received: { event: SentEvent; status: number }[] = [];
let failNextEngaged = false;

const pages = (): Record<string, string> => ({
  '/from': `<!doctype html><title>Front</title><a id="story" href="/story?utm_source=newsletter&utm_medium=email">story</a> <a id="article" href="/article?utm_source=x">article</a>`,
  '/story': `<!doctype html><title>Story</title><h1>A story</h1><p style="height: 3000px">Text</p>
<script src="/widget.js" data-box="ranking" data-limit="3" data-report-view="true" data-article-url="${storyUrl()}" data-visitor-id="reader-42"></script>`,
  '/article': `<!doctype html><title>Article</title><article data-article-id="${articleId()}" data-count-view><h1>An article</h1></article>
<script src="/assets/newsrank.js"></script>`,
  '/elsewhere': '<!doctype html><title>Elsewhere</title><p>Another site</p>',
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path === '/v1/events') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const [event] = (JSON.parse(body) as { events: SentEvent[] }).events;
        if (!event) throw new Error('a post without an event');
        const status = event.type === 'engaged' && failNextEngaged ? 503 : 202;
        if (status === 503) failNextEngaged = false;
        if (event.url === storyUrl() || event.articleId === articleId()) received.push({ event, status });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: 1, filtered: 0, rejected: [] }));
      });
      return;
    }
    if (path === '/widget.js' || path === '/assets/newsrank.js') {
      const asset = path === '/widget.js' ? WIDGET_SCRIPT : PAGE_ASSETS.get('newsrank.js');
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(asset?.body);
      return;
    }
    // The widget's list and stream: an empty list, and a stream that tells EventSource not to reconnect.
    if (path === '/v1/ranking/stream') return void res.writeHead(204).end();
    if (path === '/v1/ranking')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"generatedAt":null}');
    const page = pages()[path];
    if (page) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(() => {
  run += 1;
  received = [];
  failNextEngaged = false;
});

const ofType = (type: string) => received.filter((entry) => entry.event.type === type).map((entry) => entry.event);
const engagedSeconds = () => ofType('engaged').reduce((sum, event) => sum + (event.seconds ?? 0), 0);

/** A reader at work: a pointer move, then a second passes. */
async function readFor(page: Page, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    await page.mouse.move(100 + (i % 2) * 40, 200 + i);
    await page.clock.runFor(1000);
  }
}

/** Lets requests the page made in fake time reach the server in real time. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function openFromFront(link: string, options: { privacyControl?: boolean } = {}): Promise<Page> {
  const context = await readerContext(browser);
  if (options.privacyControl)
    await context.addInitScript("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })");
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${base}/from`);
  await Promise.all([page.waitForURL(/\/(story|article)\?/), page.click(link)]);
  await expect.poll(() => ofType('view').length).toBe(1);
  return page;
}

describe('the beacon in Chromium', () => {
  it('sends the referrer, the page address and the given visitor id with the view', async () => {
    const page = await openFromFront('#story');
    const [view] = ofType('view');
    expect(view).toMatchObject({
      type: 'view',
      url: storyUrl(),
      referrer: `${base}/from`,
      pageUrl: `${base}/story?utm_source=newsletter&utm_medium=email`,
      visitorId: 'reader-42',
    });
    expect(view?.eventId).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(Number.isFinite(Date.parse(view?.occurredAt ?? ''))).toBe(true);
    await page.context().close();
  });

  it('reports engaged seconds every 15 s while the reader is active, and nothing once they stop', async () => {
    const page = await openFromFront('#story');
    await readFor(page, 12);
    // The reader is counted until 5 s after the last move; the report after that carries the rest.
    await page.clock.runFor(20_000);
    await settle();
    const engaged = ofType('engaged');
    expect(engaged.length).toBeGreaterThanOrEqual(1);
    expect(engagedSeconds()).toBeGreaterThanOrEqual(12);
    expect(engagedSeconds()).toBeLessThanOrEqual(18);
    for (const event of engaged) {
      expect(event).toMatchObject({ type: 'engaged', url: storyUrl(), visitorId: 'reader-42' });
      expect(Number.isInteger(event.seconds) && (event.seconds ?? 0) >= 1 && (event.seconds ?? 0) <= 3600).toBe(true);
      expect(event).not.toHaveProperty('referrer');
    }
    expect(new Set(received.map((entry) => entry.event.eventId)).size).toBe(received.length);

    // Idle for a minute: no report at all.
    const before = received.length;
    await page.clock.runFor(60_000);
    await settle();
    expect(received.length).toBe(before);
    await page.context().close();
  });

  it('sends what is pending when the page is hidden, counts nothing while hidden, and sends the rest when the reader leaves', async () => {
    const page = await openFromFront('#story');
    await readFor(page, 4);
    await page.evaluate(
      "Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }); document.dispatchEvent(new Event('visibilitychange'))",
    );
    await expect.poll(() => ofType('engaged').length).toBe(1);
    expect(ofType('engaged')[0]?.seconds).toBeGreaterThanOrEqual(3);
    expect(ofType('engaged')[0]?.seconds).toBeLessThanOrEqual(5);

    // Moving while the page is hidden (another tab in front) is not reading it.
    await readFor(page, 20);
    await settle();
    expect(ofType('engaged')).toHaveLength(1);

    await page.evaluate(
      "Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' }); document.dispatchEvent(new Event('visibilitychange'))",
    );
    await readFor(page, 3);
    await page.goto(`${base}/elsewhere`);
    await expect.poll(() => ofType('engaged').length).toBe(2);
    expect(ofType('engaged')[1]?.seconds).toBeGreaterThanOrEqual(2);
    await page.context().close();
  });

  it('tries a report again under the same eventId after a 503', async () => {
    const page = await openFromFront('#story');
    failNextEngaged = true;
    await readFor(page, 15);
    await expect.poll(() => received.filter((entry) => entry.event.type === 'engaged').length).toBe(1);
    await page.clock.runFor(1500);
    await expect.poll(() => ofType('engaged').length).toBe(2);
    const [failed, retried] = received.filter((entry) => entry.event.type === 'engaged');
    expect(failed?.status).toBe(503);
    expect(retried?.status).toBe(202);
    expect(retried?.event).toEqual(failed?.event);
    await page.context().close();
  });

  it('sends only the bare view under Global Privacy Control: no referrer, page address, visitor id or engaged time', async () => {
    const page = await openFromFront('#article', { privacyControl: true });
    expect(Object.keys(ofType('view')[0] ?? {}).sort()).toEqual(['articleId', 'eventId', 'occurredAt', 'type']);
    await readFor(page, 20);
    await page.goto(`${base}/elsewhere`);
    await settle();
    expect(received).toHaveLength(1);
    await page.context().close();
  });

  it("counts the reader page's own articles the same way, without a visitor id the page does not give", async () => {
    const page = await openFromFront('#article');
    const [view] = ofType('view');
    expect(view).toMatchObject({ type: 'view', articleId: articleId(), referrer: `${base}/from`, pageUrl: `${base}/article?utm_source=x` });
    expect(view).not.toHaveProperty('visitorId');
    await readFor(page, 16);
    await expect.poll(() => ofType('engaged').length).toBe(1);
    expect(ofType('engaged')[0]).toMatchObject({ type: 'engaged', articleId: articleId() });
    await page.context().close();
  });
});
