// Renders docs/screenshot.png (the front page), docs/screenshot-article.png (the seed article) and
// docs/screenshot-widget.png (the widget on a publisher's page of another origin)
// from a real stack fed with articles and views: `node scripts/screenshot.ts`. Needs PostgreSQL,
// Redis and /usr/bin/chromium, as the tests do; leaves nothing behind.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { ADMIN_URL, databaseUrl } from '../test/support/database-names.ts';
import { postEvents, type ViewToSend } from '../test/support/events.ts';
import { ingest } from '../test/support/http.ts';
import { freePort, startProcess, type ServiceProcess } from '../test/support/processes.ts';
import { TEST_REDIS_URL, deleteQueuePrefix } from '../test/support/redis.ts';
import { TEST_TOKEN, eventually } from '../test/support/stack.ts';
import { launchChromium, readerContext } from '../test/support/web-browser.ts';

const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const SEED_PAGE = new URL('../packages/feed-parser/src/page/fixtures/japan-news-article.txt', import.meta.url);

/** Headlines from the seed page's own boxes, and a few more, so the boxes read like a news site's. */
const STORIES: { title: string; category: string; views: [number, number] }[] = [
  {
    title:
      'Poll: Japan’s LDP Likely to Lose Seats in Proportional Representation Segment; DPFP, Sanseito Expected to Gain More Seats in Upper House',
    category: 'Politics',
    views: [14, 3],
  },
  {
    title: 'Japan to Export Used Destroyers to Philippines, as Both Countries Look to Counter China on Seas',
    category: 'Politics',
    views: [11, 6],
  },
  {
    title:
      'Upper House Election: 16 Constituencies See Head-to-head ‘Ruling vs Opposition’ Races; Opposition Parties More Coordinated than 3 Years Ago',
    category: 'Politics',
    views: [9, 1],
  },
  {
    title:
      'Upper House Election: Topic of Foreign Nationals Becomes Key Issue in Japan Election; Baseless Criticisms Against Foreigners Spread on Social Media',
    category: 'Politics',
    views: [6, 2],
  },
  {
    title: '25% ‘Reciprocal Tariff’ Would Be Blow to Japanese Economy; Major Exporters Foresee Drastically Reduced Profits',
    category: 'Business',
    views: [12, 2],
  },
  { title: 'Japan Real Wages Fall for 5th Month in May', category: 'Business', views: [16, 1] },
  {
    title:
      'New Banknotes Account for Only 30% of All Bills in Circulation; Increased Use of Cashless Payments Seen as Cause of Slow Adoption Rate',
    category: 'Business',
    views: [10, 4],
  },
  {
    title: 'Lawson to Offer Car Camping Service at Select Stores; 6 Chiba Stores to Offer Service from Monday',
    category: 'Society',
    views: [18, 2],
  },
  {
    title: 'Govt Mandates Collecting, Recycling of Some Devices with Lithium-Ion Batteries Amid Fire Concerns',
    category: 'Society',
    views: [8, 7],
  },
  {
    title: 'Typhoon Nari Approaching Japan’s Kanto Region; Heavy Rain, Strong Wind Expected on Monday',
    category: 'Society',
    views: [7, 9],
  },
  { title: 'Tokyo Metro Extends Late-Night Service on Weekends Through Summer', category: 'Society', views: [0, 15] },
];

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function storiesFeed(now: number): string {
  const items = STORIES.map((story, i) => {
    const published = new Date(now - (i + 1) * 47 * 60_000).toUTCString();
    return `<item><title>${xml(story.title)}</title><link>https://news.example/articles/${i + 1}</link><guid>https://news.example/articles/${i + 1}</guid>
<pubDate>${published}</pubDate><category>${story.category}</category></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News Example</title><link>https://news.example/</link>
<description>d</description><language>en</language>${items.join('\n')}</channel></rss>`;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const views = (articleId: string, count: number): ViewToSend[] =>
  Array.from({ length: count }, () => ({ type: 'view', articleId, eventId: randomUUID() }));

/** A publisher's own page, on another origin, with two boxes themed by its custom properties. */
const publisherPage = (api: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Daily Example</title>
<style>
  :root { --newsrank-font: Georgia, serif; --newsrank-accent: #a4161a; --newsrank-bg: #fffaf2; --newsrank-padding: 12px; --newsrank-border-width: 1px; }
  body { margin: 0; font: 17px/1.6 Georgia, serif; color: #222; background: #fffaf2; }
  header { background: #a4161a; color: #fff; padding: 14px 32px; font: bold 26px Georgia, serif; }
  main { display: grid; grid-template-columns: 1fr 320px; gap: 32px; padding: 24px 32px; max-width: 1100px; }
  h1 { margin-top: 0; } aside { display: grid; gap: 20px; align-content: start; }
</style></head><body><header>The Daily Example</header><main><article><h1>A publisher's own story</h1>
<p>This page belongs to a publisher on another origin. Beside the story, two script tags render newsrank's boxes, live, in the page's own font and colours.</p>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p></article>
<aside><script src="${api}/widget.js" data-box="ranking" data-window="24h" data-limit="5"></script>
<script src="${api}/widget.js" data-box="popular" data-category="politics" data-limit="3"></script></aside></main></body></html>`;

async function screenshotWidget(page: Page, api: string): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(publisherPage(api)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/`);
    await page.locator('.newsrank-widget .nr-item').first().waitFor();
    await page.locator('.newsrank-widget[data-box="popular"] .nr-item').first().waitFor();
    await page.screenshot({ path: docs('screenshot-widget.png'), fullPage: true });
  } finally {
    server.close();
  }
}

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const database = `newsrank_screenshot_${suffix}`;
  const prefix = `{nr-screenshot-${suffix}}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    INGEST_TOKENS: TEST_TOKEN,
    RATE_LIMIT_PER_MINUTE: '0',
    RANKING_REFRESH_MS: '200',
    SOURCE_TIME_ZONES: 'japan-news=Asia/Tokyo',
  };
  const processes: ServiceProcess[] = [];
  try {
    // The api creates and migrates the database; the workers start once it exists.
    processes.push(await startProcess('api', env));
    processes.push(await startProcess('ingest-worker', env), await startProcess('ranking-worker', env));

    const seed = await ingest(baseUrl, readFileSync(SEED_PAGE), { source: 'japan-news', contentType: 'text/plain; charset=utf-8' });
    const feed = await ingest(baseUrl, storiesFeed(Date.now()), { source: 'japan-news', contentType: 'application/rss+xml' });
    const seedId = seed.result?.articles[0]?.id ?? '';
    const ids = feed.result?.articles.map((article) => article.id) ?? [];

    // Two rounds, each waited for, so the second list shows movement (▲ ▼ new) against the first.
    let expected = 0;
    for (const round of [0, 1] as const) {
      const batch = STORIES.flatMap((story, i) => views(ids[i] ?? '', story.views[round]));
      if (round === 0) batch.push(...views(seedId, 13));
      expected += batch.length;
      await postEvents(baseUrl, batch);
      await eventually(
        async () => {
          const list = (await (await fetch(`${baseUrl}/v1/ranking?window=24h&limit=100`)).json()) as { items: { views: number }[] };
          return list.items.reduce((sum, item) => sum + item.views, 0) === expected ? true : undefined;
        },
        30_000,
        `${expected} views in the ranking`,
      );
    }

    const browser = await launchChromium();
    try {
      const context = await readerContext(browser, { timezoneId: 'Europe/Berlin' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/?category=politics`);
      await page.screenshot({ path: docs('screenshot.png'), fullPage: true });
      await screenshotWidget(page, baseUrl);
      // Last: opening the article counts a view, and the lists move on.
      await page.goto(`${baseUrl}/articles/${seedId}`);
      await page.locator('.nr-reader-time:not([hidden])').waitFor();
      await page.screenshot({ path: docs('screenshot-article.png'), fullPage: true });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${['screenshot.png', 'screenshot-article.png', 'screenshot-widget.png'].map(docs).join(', ')}`);
  } finally {
    await Promise.all(processes.map((process) => process.stop()));
    await adminQuery(`drop database if exists ${database} with (force)`);
    await deleteQueuePrefix(prefix);
  }
}

await main();
