import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from './support/events.ts';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { colorOf, launchChromium, readerContext } from './support/web-browser.ts';

const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

interface RankingAnswer {
  items: { rank: number; views: number; article: { id: string; title: string } }[];
}

let stack: Stack;
let browser: Browser;
let ids: string[];

const views = (articleId: string, count: number) =>
  Array.from({ length: count }, () => ({ type: 'view' as const, articleId, eventId: randomUUID() }));

async function viewsOf(articleId: string, category = ''): Promise<number> {
  const list = await getJson<RankingAnswer>(stack.baseUrl, `/v1/ranking?window=24h&limit=100${category ? `&category=${category}` : ''}`);
  return list.body.items.find((item) => item.article.id === articleId)?.views ?? 0;
}

async function waitForViews(articleId: string, expected: number): Promise<void> {
  await eventually(async () => ((await viewsOf(articleId)) === expected ? true : undefined), 10_000, `${expected} views of ${articleId}`);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '200' }),
    launchChromium(),
  ]);
  const feed = await ingest(stack.baseUrl, rssFeed(testStories(10)), { source: 'paper', contentType: 'application/rss+xml' });
  ids = feed.result?.articles.map((article) => article.id) ?? [];
  // Story 1 (Politics) leads, story 2 follows: both boxes start with items.
  await postEvents(stack.baseUrl, [...views(ids[0] ?? '', 3), ...views(ids[1] ?? '', 2)]);
  await waitForViews(ids[1] ?? '', 2);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function readerPage(
  path: string,
  options: { userAgent?: string; javaScriptEnabled?: boolean; timezoneId?: string } = {},
): Promise<Page> {
  const context = await readerContext(browser, options);
  const page = await context.newPage();
  await page.goto(new URL(path, stack.baseUrl).href);
  return page;
}

const rankingTitles = (page: Page) => page.locator('#access-ranking .nr-item .nr-title').allTextContents();

describe('the reader page in Chromium', () => {
  it('shows the latest articles, the Popular box and the Access ranking with their items', async () => {
    const page = await readerPage('/');
    expect(await page.locator('.nr-latest > li').count()).toBe(10);
    expect(await page.locator('#popular .nr-item').count()).toBeGreaterThan(0);
    expect((await rankingTitles(page)).slice(0, 2)).toEqual(['Story number 1', 'Story number 2']);
    expect(await page.locator('#access-ranking .nr-item').first().locator('.nr-rank').textContent()).toBe('1');
    await page.context().close();
  });

  it('window tabs are ARIA tabs that switch in place, by click and by arrow keys', async () => {
    const page = await readerPage('/');
    const tabs = page.locator('#access-ranking [role="tab"]');
    expect(await tabs.allTextContents()).toEqual(['1h', '24h', '7d']);
    expect(await page.locator('#access-ranking [aria-selected="true"]').textContent()).toBe('24h');
    await tabs.nth(2).click();
    expect(await page.locator('#access-ranking [aria-selected="true"]').textContent()).toBe('7d');
    expect(page.url()).toMatch(/\?window=7d$/);
    await page.locator('#access-ranking-panel[data-list-key="ranking:7d:all"] .nr-item').first().waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#access-ranking [aria-selected="true"]').textContent()).toBe('1h');
    expect(await page.locator(':focus').textContent()).toBe('1h');
    await page.context().close();
  });

  it("the address keeps both boxes' tabs, so a reload opens the same ones", async () => {
    const page = await readerPage('/');
    await page.locator('#access-ranking [role="tab"]', { hasText: '7d' }).click();
    await page.locator('#popular [role="tab"]', { hasText: 'Politics' }).click();
    expect(new URL(page.url()).search).toBe('?window=7d&category=politics');
    // A link the page was rendered with learns the other box's choice too.
    expect(await page.locator('#access-ranking [role="tab"]', { hasText: '1h' }).getAttribute('href')).toBe(
      '/?window=1h&category=politics#access-ranking',
    );
    await page.locator('#popular [role="tab"]', { hasText: 'All' }).click();
    expect(new URL(page.url()).search).toBe('?window=7d');
    await page.locator('#popular [role="tab"]', { hasText: 'Politics' }).click();
    await page.reload();
    expect(await page.locator('#access-ranking [aria-selected="true"]').textContent()).toBe('7d');
    expect(await page.locator('#popular [aria-selected="true"]').textContent()).toBe('Politics');
    expect(await page.locator('#popular-panel').getAttribute('data-list-key')).toBe('popular:politics');
    await page.context().close();
  });

  it('a category nobody has read yet has its tab, and says it has no views', async () => {
    const page = await readerPage('/');
    expect(await page.locator('#popular [role="tab"]').allTextContents()).toEqual([
      'All',
      'Culture',
      'Economy',
      'Politics',
      'Sports',
      'World',
    ]);
    await page.locator('#popular [role="tab"]', { hasText: 'World' }).click();
    await page.locator('#popular-panel .nr-empty', { hasText: 'No views yet in this category.' }).waitFor({ timeout: 5_000 });
    await page.locator('#popular [role="tab"]', { hasText: 'Politics' }).click();
    await page.locator('#popular-panel .nr-item').first().waitFor({ timeout: 5_000 });
    await page.context().close();
  });

  it("adds the reader's own time only when their clock reads the moment differently", async () => {
    const utcReader = await readerPage(`/articles/${ids[0]}`, { timezoneId: 'UTC' });
    await utcReader.locator('.nr-source-time').waitFor();
    expect(await utcReader.locator('.nr-source-time').textContent()).toMatch(/ UTC, /);
    expect(await utcReader.locator('.nr-reader-time').isHidden()).toBe(true);
    await utcReader.context().close();
    const berlinReader = await readerPage(`/articles/${ids[0]}`);
    await berlinReader.locator('.nr-reader-time', { hasText: 'Your time:' }).waitFor();
    await berlinReader.context().close();
  });

  it('a view counted elsewhere changes the open page within 2 s, without a reload', async () => {
    const page = await readerPage('/');
    await page.evaluate('window.loadedOnce = true');
    expect(await rankingTitles(page)).not.toContain('Story number 6');
    const sentAt = Date.now();
    await postEvents(stack.baseUrl, views(ids[5] ?? '', 5));
    const leader = page.locator('#access-ranking .nr-item').first();
    await leader.locator('.nr-title', { hasText: 'Story number 6' }).waitFor({ timeout: 2_500 });
    expect(Date.now() - sentAt).toBeLessThan(2_500);
    expect(await leader.locator('.nr-move').textContent()).toBe('new');
    expect(await page.locator('#access-ranking .nr-item', { hasText: 'Story number 1' }).locator('.nr-move .nr-sr').textContent()).toBe(
      'down from 1',
    );
    expect(await page.evaluate('window.loadedOnce')).toBe(true);
    await page.context().close();
  });

  it('opening an article page counts exactly one view, and a reload one more', async () => {
    const article = ids[2] ?? '';
    const context = await readerContext(browser);
    const page = await context.newPage();
    const beacon = page.waitForResponse((response) => response.url().endsWith('/v1/events'));
    await page.goto(`${stack.baseUrl}/articles/${article}`);
    expect(await (await beacon).json()).toEqual({ accepted: 1, filtered: 0, rejected: [] });
    await waitForViews(article, 1);
    await page.reload();
    await waitForViews(article, 2);
    // Nothing else is on its way: the count stays.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await viewsOf(article)).toBe(2);
    expect(await page.locator('.nr-reader-time').textContent()).toMatch(/^Your time: .*GMT\+1/);
    await context.close();
  });

  it("a crawler's page load counts no view", async () => {
    const article = ids[3] ?? '';
    const context = await readerContext(browser, { userAgent: GOOGLEBOT_UA });
    const page = await context.newPage();
    const beacon = page.waitForResponse((response) => response.url().endsWith('/v1/events'));
    await page.goto(`${stack.baseUrl}/articles/${article}`);
    expect(await (await beacon).json()).toEqual({ accepted: 0, filtered: 1, rejected: [] });
    expect(await viewsOf(article)).toBe(0);
    await context.close();
  });

  it('without JavaScript the page counts its view through the no-script pixel', async () => {
    const article = ids[4] ?? '';
    const page = await readerPage(`/articles/${article}`, { javaScriptEnabled: false });
    await waitForViews(article, 1);
    expect(await page.locator('#access-ranking .nr-item').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('the widget on a publisher page of another origin', () => {
  let publisher: Server;
  let publisherUrl: string;

  beforeAll(async () => {
    // A strict CSP like a careful publisher's: scripts from itself and newsrank, no inline styles.
    const hostPage = (api: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Publisher</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${api}; connect-src ${api}; style-src 'self'">
<link rel="canonical" href="https://news.example/articles/1"><link rel="stylesheet" href="/host.css">
<script src="${api}/widget.js" data-box="popular" data-category="Politics" data-limit="3" data-target="#popular-slot"></script></head>
<body><h1>A publisher's story</h1><div id="popular-slot"></div>
<aside id="sidebar"><script src="${api}/widget.js" data-box="ranking" data-window="24h" data-category="politics" data-limit="5" data-report-view="true"></script></aside>
<div id="week"><script src="${api}/widget.js" data-box="ranking" data-window="7d" data-limit="3"></script></div></body></html>`;
    publisher = createServer((req, res) => {
      if (req.url === '/host.css')
        res
          .writeHead(200, { 'content-type': 'text/css' })
          .end(':root { --newsrank-accent: rgb(200, 0, 0); } li, a { color: rgb(0, 128, 0) !important; }');
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(stack.baseUrl));
    });
    await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
    publisherUrl = `http://localhost:${(publisher.address() as AddressInfo).port}/story`;
  });
  afterAll(async () => {
    await new Promise((resolve) => publisher.close(resolve));
  });

  it('renders the live ranking box, styled by the host only through its custom properties, and reports the page view', async () => {
    const before = await viewsOf(ids[0] ?? '', 'politics');
    const context = await readerContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const beacon = page.waitForResponse((response) => response.url().endsWith('/v1/events'));
    await page.goto(publisherUrl);
    expect(new URL(page.url()).origin).not.toBe(new URL(stack.baseUrl).origin);
    expect(await (await beacon).json()).toEqual({ accepted: 1, filtered: 0, rejected: [] });

    const widget = page.locator('#sidebar .newsrank-widget');
    const story = widget.locator('.nr-item', { hasText: 'Story number 1' });
    await story.waitFor();
    expect(await widget.locator('.nr-box-title').textContent()).toBe('Access ranking · Politics · last 24 hours');
    expect(await widget.locator('.nr-item .nr-rank').allTextContents()).toEqual(['1', '2']);
    expect(await story.locator('.nr-title').getAttribute('href')).toBe('https://news.example/articles/1');
    expect(await colorOf(story.locator('.nr-rank'))).toBe('rgb(200, 0, 0)');
    expect(await colorOf(story.locator('.nr-title'))).not.toBe('rgb(0, 128, 0)');
    expect(await page.locator('#sidebar .newsrank-widget').evaluate((host) => host.shadowRoot !== null)).toBe(true);

    // A second box, from a tag in <head>, lands where data-target says; only one view is reported.
    const popular = page.locator('#popular-slot .newsrank-widget');
    await popular.locator('.nr-item').first().waitFor();
    expect(await popular.locator('.nr-box-title').textContent()).toBe('Popular · Politics');
    expect(await popular.locator('.nr-item').count()).toBeLessThanOrEqual(3);

    // A box for every category still names its window: the reader sees no tabs to tell.
    const week = page.locator('#week .newsrank-widget');
    await week.locator('.nr-item').first().waitFor();
    expect(await week.locator('.nr-box-title').textContent()).toBe('Access ranking · last 7 days');
    expect(await week.locator('section').getAttribute('aria-labelledby')).toBe('newsrank-title');

    // The reported view reaches the widget's own list live.
    await story.locator('.nr-count', { hasText: `${before + 1} views` }).waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
