import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomFeed, jsonFeed, rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { startStack, type Stack } from './support/stack.ts';

interface Article {
  id: string;
  title: string;
  url: string;
  category: string | null;
  publishedAt: string | null;
  dateline: string | null;
  imageCaption: string | null;
  contentHtml: string | null;
  source: string;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker']);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

async function allArticles(): Promise<Article[]> {
  const items: Article[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Article[]; nextCursor: string | null } } = await getJson(
      stack.baseUrl,
      `/v1/articles?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

describe('feeds through the running api and ingest worker', () => {
  const stories = testStories(20);

  it('the same 20 stories as RSS, Atom and JSON Feed from three sources become 20 articles', async () => {
    const rss = await ingest(stack.baseUrl, rssFeed(stories, { utm: true }), { source: 'wire', contentType: 'application/rss+xml' });
    expect(rss).toMatchObject({ status: 'completed', format: 'rss', result: { inserted: 20, updated: 0, duplicates: 0 } });
    const atom = await ingest(stack.baseUrl, atomFeed(stories), { source: 'paper' });
    expect(atom).toMatchObject({ status: 'completed', format: 'atom', result: { inserted: 0, duplicates: 20 } });
    const json = await ingest(stack.baseUrl, jsonFeed(stories), { source: 'aggregator', contentType: 'application/feed+json' });
    // JSON Feed carries a body the other two lacked: the stories gain it, still one article each.
    expect(json).toMatchObject({ status: 'completed', format: 'json-feed', result: { inserted: 0, updated: 20, duplicates: 0 } });
    const jsonAgain = await ingest(stack.baseUrl, jsonFeed(stories), { source: 'aggregator' });
    expect(jsonAgain.result).toMatchObject({ inserted: 0, updated: 0, duplicates: 20 });

    const articles = await allArticles();
    expect(articles).toHaveLength(20);
    expect(new Set(articles.map((a) => a.url)).size).toBe(20);
    // Newest first: story 20 was published last.
    expect(articles[0]?.title).toBe('Story number 20');
    expect(articles.at(-1)?.title).toBe('Story number 1');
    expect(new Set([rss, atom, json].flatMap((job) => job.result?.articles.map((a) => a.id)))).toEqual(new Set(articles.map((a) => a.id)));
  });

  it('a changed title updates the article in place', async () => {
    const changed = stories.map((s) => (s.n === 3 ? { ...s, title: 'Story number 3, corrected' } : s));
    const job = await ingest(stack.baseUrl, atomFeed(changed), { source: 'paper' });
    expect(job.result).toMatchObject({ updated: 1, duplicates: 19, inserted: 0 });
    const updatedId = job.result?.articles.find((a) => a.outcome === 'updated')?.id;
    const article = await getJson<Article>(stack.baseUrl, `/v1/articles/${updatedId}`);
    expect(article.body.title).toBe('Story number 3, corrected');
    expect((await allArticles()).length).toBe(20);
  });

  it('the seed article page becomes one article with its fields', async () => {
    const page = readFileSync(new URL('../packages/feed-parser/src/page/fixtures/japan-news-article.txt', import.meta.url));
    const job = await ingest(stack.baseUrl, page, { source: 'japan-news', contentType: 'text/plain; charset=utf-8' });
    expect(job).toMatchObject({ status: 'completed', format: 'text', result: { inserted: 1 } });
    const article = await getJson<Article>(stack.baseUrl, `/v1/articles/${job.result?.articles[0]?.id}`);
    expect(article.body).toMatchObject({
      source: 'japan-news',
      title: 'Japan, South Korean Foreign Chiefs Reaffirm Cooperation; North Korea’s Nuclear, Missile Development Discussed',
      publishedAt: '2025-01-13T09:42:00Z',
      dateline: 'SEOUL',
      category: 'Politics',
    });
    expect(article.body.imageCaption).toMatch(/^South Korean Foreign Minister Cho Tae-yul, left/);
    expect(article.body.contentHtml).toContain('reaffirmed maintaining close cooperation');
    expect(article.body.contentHtml).not.toContain('POPULAR ARTICLE');
    expect(article.body.contentHtml).not.toContain('Lawson to Offer Car Camping');
    const again = await ingest(stack.baseUrl, page, { source: 'japan-news', contentType: 'text/plain' });
    expect(again.result).toMatchObject({ duplicates: 1, inserted: 0 });
  });

  it('categories count the stored articles', async () => {
    const categories = await getJson<{ slug: string; name: string; articles: number }[]>(stack.baseUrl, '/v1/categories');
    expect(categories.body).toContainEqual({ slug: 'politics', name: 'Politics', articles: 5 });
    expect(categories.body.reduce((sum, c) => sum + c.articles, 0)).toBe(21);
  });

  it('articles filter by category and source', async () => {
    const politics = await getJson<{ items: Article[] }>(stack.baseUrl, '/v1/articles?category=politics&limit=100');
    expect(politics.body.items).toHaveLength(5);
    expect(politics.body.items.every((a) => a.category === 'Politics')).toBe(true);
    const wire = await getJson<{ items: Article[] }>(stack.baseUrl, '/v1/articles?source=wire&limit=100');
    expect(wire.body.items).toHaveLength(20);
  });

  it('a 5,000-item feed is checked off the event loop, accepted and stored completely', async () => {
    const bulk = rssFeed(testStories(5_000, 'https://bulk.example'));
    expect(bulk.length).toBeGreaterThan(1024 * 1024);
    const job = await ingest(stack.baseUrl, bulk, { source: 'bulk', contentType: 'application/rss+xml' });
    expect(job).toMatchObject({ status: 'completed', format: 'rss', result: { inserted: 5_000, updated: 0, duplicates: 0 } });
    const page = await getJson<{ items: Article[] }>(stack.baseUrl, '/v1/articles?source=bulk&limit=100');
    expect(page.body.items).toHaveLength(100);
  });
});

describe('documents as people really post them', () => {
  const wild = (items: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Wild</title><link>https://wild.example/</link>${items}</channel></rss>`;

  it('keeps an untitled item and an impossible date, says so per item, and strips tracking parameters', async () => {
    const job = await ingest(
      stack.baseUrl,
      wild(
        '<item><description>Harbour bridge reopens after repairs. Traffic resumes at noon.</description><link>https://wild.example/bridge?utm_source=rss&amp;fbclid=x1</link></item>' +
          '<item><title>From the future</title><link>https://wild.example/future</link><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>',
      ),
      { source: 'wild' },
    );
    expect(job).toMatchObject({ status: 'completed', result: { inserted: 2, rejected: [] } });
    const [untitled, future] = job.result!.articles;
    expect(untitled).toMatchObject({ index: 0, url: 'https://wild.example/bridge' });
    expect(untitled?.warnings?.join(' ')).toMatch(/title missing; derived/);
    expect(future?.index).toBe(1);
    expect(future?.warnings?.join(' ')).toContain('Fri, 01 Jan 2100 00:00:00 GMT');

    const stored = await getJson<Article>(stack.baseUrl, `/v1/articles/${untitled!.id}`);
    expect(stored.body).toMatchObject({ title: 'Harbour bridge reopens after repairs', url: 'https://wild.example/bridge' });
    expect((await getJson<Article>(stack.baseUrl, `/v1/articles/${future!.id}`)).body.publishedAt).toBeNull();

    // The same story linked without the tracking parameters is the same article.
    const again = await ingest(
      stack.baseUrl,
      wild('<item><title>Harbour bridge reopens after repairs</title><link>https://wild.example/bridge</link></item>'),
      { source: 'wild' },
    );
    expect(again.result?.articles[0]?.id).toBe(untitled!.id);
  });

  it('stores the items a cut-off document completed and rejects the one it ends inside', async () => {
    const cut = wild('<item><title>Whole item</title><link>https://wild.example/whole</link></item><item><title>Half an it').replace(
      '</channel></rss>',
      '',
    );
    const job = await ingest(stack.baseUrl, cut, { source: 'wild' });
    expect(job).toMatchObject({
      status: 'completed',
      result: { inserted: 1, rejected: [{ index: 1, reason: 'document ends inside this item' }] },
    });
    const titles = (await allArticles()).map((article) => article.title);
    expect(titles).toContain('Whole item');
    expect(titles.some((title) => title.startsWith('Half'))).toBe(false);
  });
});
