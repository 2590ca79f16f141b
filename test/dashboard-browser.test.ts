// The dashboard in Chromium, served with test data by test/support/dashboard-server.ts (the
// stats endpoints it will read in production are not part of this test): the browser's own
// login prompt, the boxes following the stream, the charts refreshing, the article pages. With
// UPDATE_SCREENSHOTS=1 it also writes docs/screenshots/dashboard.png and dashboard-article.png.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedList } from '@newsrank/ranking';
import type { DashboardData } from '@newsrank/web';
import { dashboardArticles, testDashboardData, topList } from './support/dashboard-data.ts';
import { DASHBOARD_TOKEN, startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { launchChromium, readerContext } from './support/web-browser.ts';

/** `UPDATE_SCREENSHOTS=1 pnpm vitest run test/dashboard-browser.test.ts` writes docs/screenshots/dashboard*.png. */
const screenshotPath = (name: string) => (process.env.UPDATE_SCREENSHOTS === '1' ? `docs/screenshots/${name}` : undefined);

let browser: Browser;
let server: DashboardServer;
/** Views the site stats gain from now on: a refreshed page must show them. */
let extraViews = 0;
const data: DashboardData = {
  ...testDashboardData,
  siteStats: async (window) => {
    const stats = await testDashboardData.siteStats(window);
    return { ...stats, views: stats.views + extraViews };
  },
};

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startDashboardServer(data)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(): Promise<BrowserContext> {
  const context = await browser.newContext({
    httpCredentials: { username: 'newsroom', password: DASHBOARD_TOKEN },
    viewport: { width: 1280, height: 900 },
  });
  return context;
}

const topTitles = (context: BrowserContext) => context.pages()[0]?.locator('#top-articles .nr-dash-item .nr-title').allTextContents();

describe('the dashboard in Chromium', () => {
  it('asks for the token: a Basic challenge, which a browser without it cannot get past', async () => {
    const challenge = await fetch(`${server.baseUrl}/dashboard`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    // Headless Chromium has nobody to ask, and ends the navigation at the challenge.
    const context = await readerContext(browser);
    const page = await context.newPage();
    await expect(page.goto(`${server.baseUrl}/dashboard`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    await context.close();
  });

  it('shows the top and trending boxes with sparklines, the chart and the referrers, with no script error', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.baseUrl}/dashboard`);
    expect(await page.locator('#top-articles .nr-dash-item').count()).toBe(5);
    expect(await page.locator('#top-articles .nr-spark').count()).toBe(5);
    expect(await page.locator('#trending .nr-dash-item').count()).toBe(3);
    expect(await page.locator('#top-articles .nr-title').nth(2).textContent()).toBe('<img src=x onerror=alert(1)> & "quotes"');
    expect(await page.locator('.nr-chart .nr-chart-bucket').count()).toBe(24);
    expect(await page.locator('.nr-refbar rect').count()).toBe(5);
    await page.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });

    await page.locator('.nr-tabs a', { hasText: '7d' }).click();
    await page.waitForURL(/window=7d/);
    expect(await page.locator('.nr-chart .nr-chart-bucket').count()).toBe(168);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reorders the top box from the stream in place, keeping each article its sparkline', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/dashboard`);
    const fourth = dashboardArticles[3]!;
    const sparkBefore = await page.locator(`#top-articles [data-article-id="${fourth.id}"] .nr-spark-line`).getAttribute('d');
    await page.evaluate("document.querySelector('#top-articles').dataset.marker = 'same element'");

    const items = topList.body.items;
    const moved = [items[3]!, ...items.slice(0, 3), items[4]!].map((item, i) => ({ ...item, rank: i + 1, views: 2000 - i * 300 }));
    server.publish({
      ...topList,
      etag: 'top-2',
      publishedAtMs: topList.publishedAtMs + 1,
      body: { ...topList.body, items: moved },
    } as PublishedList);

    await page.locator('#top-articles .nr-dash-item').first().locator('.nr-title', { hasText: fourth.title }).waitFor({ timeout: 5_000 });
    expect((await topTitles(context))?.[0]).toBe(fourth.title);
    expect(await page.locator('#top-articles .nr-dash-item').first().locator('.nr-count').textContent()).toBe('2,000 views · 440 visitors');
    expect(await page.locator(`#top-articles [data-article-id="${fourth.id}"] .nr-spark-line`).getAttribute('d')).toBe(sparkBefore);
    expect(await page.evaluate("document.querySelector('#top-articles').dataset.marker")).toBe('same element');
    server.publish(topList);
    await context.close();
  });

  it('replaces the figures and charts with a fresh copy every 30 s', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.baseUrl}/dashboard`);
    const views = page.locator('[data-figure="views"]');
    const before = Number((await views.textContent())?.replace(/,/g, ''));
    extraViews = 1234;
    await page.clock.runFor(30_500);
    await expect.poll(async () => Number((await views.textContent())?.replace(/,/g, '')), { timeout: 5_000 }).toBe(before + 1234);
    extraViews = 0;
    await context.close();
  });

  it("opens an article's own page from the box, with its figures, ranks and campaigns", async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/dashboard`);
    const first = dashboardArticles[0]!;
    await page.locator('#top-articles .nr-title', { hasText: first.title }).click();
    await page.waitForURL(new RegExp(`/dashboard/articles/${first.id}$`));
    expect(await page.locator('h1').textContent()).toBe(first.title);
    expect(await page.locator('[data-figure="current-rank"]').textContent()).toBe('#2');
    expect(await page.locator('[data-figure="best-rank"]').textContent()).toBe('#1');
    expect(await page.locator('[data-figure="engaged"]').textContent()).toBe('1 min 35 s');
    expect(await page.locator('#campaigns-heading + table tbody tr').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('dashboard-article.png'), fullPage: true });
    expect((await page.goto(`${server.baseUrl}/dashboard/articles/00000000-0000-4000-8000-0000000000ff`))?.status()).toBe(404);
    await context.close();
  });
});
