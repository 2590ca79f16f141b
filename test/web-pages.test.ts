import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from './support/events.ts';
import { rssFeed, testStories } from './support/feeds.ts';
import { ingest } from './support/http.ts';
import { BROWSER_UA, eventually, startStack, type Stack } from './support/stack.ts';

const NASTY = '<img src=x onerror=alert(1)>';

let stack: Stack;
let nastyId: string;
let storyIds: string[];
let tokyoId: string;
let modelId: string;

/** The model page as published: `18:42 JST` under a SEOUL dateline. */
const modelPage = readFileSync(new URL('../packages/feed-parser/src/page/fixtures/japan-news-article.txt', import.meta.url), 'utf8');
/** The model page as a Tokyo desk files it: a TOKYO dateline and a local time with no zone. */
const tokyoPage = modelPage.replace('18:42 JST, January 13, 2025', '18:42, January 13, 2025').replace('SEOUL — ', 'TOKYO — ');

beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], {
    RANKING_REFRESH_MS: '200',
    SOURCE_TIME_ZONES: 'paper=Asia/Tokyo',
  });
  const feed = await ingest(stack.baseUrl, rssFeed(testStories(6)), { source: 'paper', contentType: 'application/rss+xml' });
  storyIds = feed.result?.articles.map((article) => article.id) ?? [];
  const nasty = {
    guid: 'nasty',
    url: 'https://news.example/nasty',
    title: NASTY,
    summary: `Summary ${NASTY}`,
    category: 'Politics',
    publishedAt: '2025-01-13T09:42:00Z',
    contentHtml: '<p>Safe <em>body</em></p>',
  };
  const job = await ingest(stack.baseUrl, JSON.stringify({ articles: [nasty] }), { source: 'wire', contentType: 'application/json' });
  nastyId = job.result?.articles[0]?.id ?? '';
  tokyoId =
    (await ingest(stack.baseUrl, tokyoPage, { source: 'japan-news', contentType: 'text/plain; charset=utf-8' })).result?.articles[0]?.id ??
    '';
  // A source SOURCE_TIME_ZONES does not name: only the page itself says which zone it is in.
  modelId =
    (await ingest(stack.baseUrl, modelPage, { source: 'yomiuri', contentType: 'text/plain; charset=utf-8' })).result?.articles[0]?.id ?? '';
  // Story 1 (Politics) and the nasty one get views, so both boxes have items.
  await postEvents(stack.baseUrl, [
    ...Array.from({ length: 3 }, () => ({ type: 'view' as const, articleId: storyIds[0] ?? '', eventId: randomUUID() })),
    { type: 'view', articleId: nastyId, eventId: randomUUID() },
  ]);
  await eventually(async () => ((await pageHtml('/')).includes('3 views') ? true : undefined), 20_000, 'the ranking on the page');
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

/** As a reader's browser asks for it: a request a bot filter would let through. */
async function pageHtml(path: string): Promise<string> {
  return (await fetch(new URL(path, stack.baseUrl), { headers: { 'user-agent': BROWSER_UA } })).text();
}

describe('the reader pages without JavaScript', () => {
  it('the front page lists the latest articles and both boxes, as HTML', async () => {
    const response = await fetch(new URL('/', stack.baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('<h1 class="nr-page-title">Latest news</h1>');
    for (const n of [1, 6]) expect(page).toContain(`>Story number ${n}</a></h2>`);
    expect(page).toMatch(/<section class="nr-box nr-box-popular" id="popular"[\s\S]*<ol class="nr-list">[\s\S]*Story number 1/);
    expect(page).toMatch(
      /<section class="nr-box nr-box-ranking" id="access-ranking"[\s\S]*<span class="nr-rank">1<\/span>[\s\S]*Story number 1<\/a><span class="nr-count">3 views<\/span>/,
    );
  });

  it('escapes a title that is markup, everywhere it appears', async () => {
    for (const path of ['/', `/articles/${nastyId}`]) {
      const page = await pageHtml(path);
      expect(page).not.toContain(NASTY);
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('tabs are links that render the chosen window and category on the server', async () => {
    const page = await pageHtml('/?window=1h&category=politics');
    expect(page).toMatch(/data-list-key="ranking:1h:all"[^>]*aria-current="page">1h</);
    expect(page).toMatch(/data-list-key="popular:politics"[^>]*aria-current="page">Politics</);
    expect(page).toContain(
      'id="access-ranking-panel" data-list-key="ranking:1h:all" data-empty="No views counted yet."><ol class="nr-list">',
    );
  });

  it('an article page shows the article with its category box, the ranking, and the time in the source zone', async () => {
    const page = await pageHtml(`/articles/${storyIds[0]}`);
    expect(page).toContain('<h1>Story number 1</h1>');
    expect(page).toContain('<a class="nr-category" href="/?category=politics#popular">Politics</a>');
    expect(page).toContain('<time class="nr-source-time" datetime="2025-01-13T09:00:00Z">18:00 JST, January 13, 2025</time>');
    expect(page).toContain('Popular in Politics</h2>');
    expect(page).toContain('<h2 class="nr-box-title" id="access-ranking-heading">Access ranking</h2>');
    expect(page).toContain(`<noscript><img class="nr-hit" src="/v1/hit?article=${storyIds[0]}"`);
  });

  it('a plain-text page with a Tokyo dateline is stored and shown in Japan time, and says why', async () => {
    const page = await pageHtml(`/articles/${tokyoId}`);
    expect(page).toContain('<span class="nr-dateline">TOKYO</span>');
    expect(page).toContain('<time class="nr-source-time" datetime="2025-01-13T09:42:00Z">18:42 JST, January 13, 2025</time>');
    expect(page).toContain('<p class="nr-zone-note">Times in Japan Standard Time (JST), from the dateline TOKYO.</p>');
    // The page kept the caption's words but not its photo: a caption pointing at nothing is left out.
    expect(page).not.toContain('talks with Japanese Foreign Minister');
    expect(page).not.toContain('<figure');
  });

  it('the model page is shown at the time and in the zone it printed, and says so', async () => {
    const page = await pageHtml(`/articles/${modelId}`);
    expect(page).toContain('<span class="nr-dateline">SEOUL</span>');
    expect(page).toContain('<time class="nr-source-time" datetime="2025-01-13T09:42:00Z">18:42 JST, January 13, 2025</time>');
    expect(page).toContain('data-source-zone="Asia/Tokyo"');
    expect(page).toContain('<p class="nr-zone-note">Times in Japan Standard Time (JST), as the article gives them.</p>');
    const json = await (await fetch(new URL(`/v1/articles/${modelId}`, stack.baseUrl))).json();
    expect(json).toMatchObject({ publishedAt: '2025-01-13T09:42:00Z', timeZone: 'Asia/Tokyo' });
  });

  it('SOURCE_TIME_ZONES wins over what the article suggests', async () => {
    const page = await pageHtml(`/articles/${storyIds[0]}`);
    expect(page).toContain('<p class="nr-zone-note">Times in Japan Standard Time (JST), the time zone of paper.</p>');
  });

  it('every category with articles has a Popular tab, and one without views says so', async () => {
    const page = await pageHtml('/');
    const popular = page.slice(page.indexOf('id="popular"'), page.indexOf('id="access-ranking"'));
    const tabs = [...popular.matchAll(/class="nr-tab"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(tabs).toEqual(['All', 'Culture', 'Economy', 'Politics', 'Sports', 'World']);
    const economy = await pageHtml('/?category=economy&window=7d');
    expect(economy).toMatch(/data-list-key="popular:economy"[^>]*aria-current="page">Economy</);
    expect(economy).toMatch(/data-list-key="ranking:7d:all"[^>]*aria-current="page">7d</);
    expect(economy).toContain('<p class="nr-empty">No views yet in this category.</p>');
  });

  it('rendering a page counts no view: only the browser reports one', async () => {
    const before = await pageHtml('/');
    for (let i = 0; i < 3; i += 1) await pageHtml(`/articles/${storyIds[0]}`);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await pageHtml('/')).toContain('Story number 1</a><span class="nr-count">3 views</span>');
    expect(before).toContain('3 views');
  });

  it('an unknown article is an HTML 404 page', async () => {
    for (const id of [randomUUID(), 'not-an-id']) {
      const response = await fetch(new URL(`/articles/${id}`, stack.baseUrl));
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Article not found');
    }
  });

  it('assets are cached for a year under their content hash and revalidate with an ETag', async () => {
    const page = await pageHtml('/');
    const cssPath = /href="(\/assets\/newsrank\.css\?v=[\w-]+)"/.exec(page)?.[1] ?? '';
    const css = await fetch(new URL(cssPath, stack.baseUrl));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = css.headers.get('etag') ?? '';
    const again = await fetch(new URL(cssPath, stack.baseUrl), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(new URL('/assets/newsrank.css', stack.baseUrl))).headers.get('cache-control')).toBe('public, max-age=300');
    expect((await fetch(new URL('/assets/nothing.js', stack.baseUrl))).status).toBe(404);
  });

  it('pages run under a CSP that allows only their own scripts', async () => {
    const response = await fetch(new URL('/', stack.baseUrl));
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('the widget script may be loaded and its lists read from any origin', async () => {
    const widget = await fetch(new URL('/widget.js', stack.baseUrl));
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(widget.headers.get('cache-control')).toBe('public, max-age=300');
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await widget.text()).toContain('attachShadow');
    const origin = { origin: 'https://publisher.example' };
    for (const path of ['/v1/ranking?window=24h&category=politics', '/v1/popular?category=politics']) {
      expect((await fetch(new URL(path, stack.baseUrl), { headers: origin })).headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});
