import { randomUUID } from 'node:crypto';
import { BROWSER_UA } from './load.ts';
import { sleep } from './stats.ts';

export const BENCH_TOKEN = 'bench-ingest-token';

export interface BenchArticle {
  id: string;
  category: string;
}

/** Polls an ingest job until it completed; fails on a failed job or after `timeoutMs`. */
export async function waitForIngestJob(baseUrl: string, statusUrl: string, timeoutMs = 120_000): Promise<{ articles: { id: string }[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await fetch(`${baseUrl}${statusUrl}`)).json()) as {
      status: string;
      error: string | null;
      result: { articles: { id: string }[] } | null;
    };
    if (job.status === 'completed' && job.result) return job.result;
    if (job.status === 'failed') throw new Error(`ingest job failed: ${job.error}`);
    if (Date.now() > deadline) throw new Error(`ingest job ${statusUrl} did not finish in ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Posts a document to an ingest endpoint and resolves with the job's status URL once it is queued. */
export async function postDocument(
  baseUrl: string,
  path: '/v1/feeds' | '/v1/articles',
  body: string | Buffer,
  contentType: string,
): Promise<string> {
  const response = await fetch(`${baseUrl}${path}?source=bench`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': contentType },
    body,
  });
  if (response.status !== 202) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { statusUrl: string }).statusUrl;
}

/** Stores `count` articles of one category of the run's own (at most 1000) and returns their ids. */
export async function storeArticles(
  baseUrl: string,
  count: number,
  category = `bench-${randomUUID().slice(0, 8)}`,
): Promise<BenchArticle[]> {
  const run = randomUUID().slice(0, 8);
  const articles = Array.from({ length: count }, (_, i) => ({
    guid: `bench-${run}-${i}`,
    url: `https://bench.example/${run}/${i}`,
    title: `Benchmark story ${i} of ${category}`,
    category,
    publishedAt: new Date(Date.now() - i * 60_000).toISOString(),
  }));
  const statusUrl = await postDocument(baseUrl, '/v1/articles', JSON.stringify({ articles }), 'application/json');
  const result = await waitForIngestJob(baseUrl, statusUrl);
  return result.articles.map((article) => ({ id: article.id, category }));
}

interface RankingAnswer {
  items: { views: number; article: { id: string } }[];
}

/** Views the 1h ranking of a category shows, summed over its (at most 100) articles. */
export async function viewsShown(baseUrl: string, category: string): Promise<number> {
  const list = (await (
    await fetch(`${baseUrl}/v1/ranking?window=1h&category=${encodeURIComponent(category)}&limit=100`)
  ).json()) as RankingAnswer;
  return list.items.reduce((sum, item) => sum + item.views, 0);
}

/** Views one article shows in the 1h ranking of its category. */
export async function viewsOf(baseUrl: string, article: BenchArticle): Promise<number> {
  const list = (await (
    await fetch(`${baseUrl}/v1/ranking?window=1h&category=${encodeURIComponent(article.category)}&limit=100`)
  ).json()) as RankingAnswer;
  return list.items.find((item) => item.article.id === article.id)?.views ?? 0;
}

/** Sends one batch of events until it is answered 202 (a 503 is retried: nothing was accepted). */
export async function postEvents(baseUrl: string, events: object[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
      body: JSON.stringify({ events }),
    });
    await response.arrayBuffer();
    if (response.status === 202) return;
    if (attempt > 50) throw new Error(`POST /v1/events answered ${response.status}`);
    await sleep(50);
  }
}

/**
 * A request body of `batch` views spread over `articles`, each eventId holding autocannon's
 * `[<id>]` placeholder: every request gets unique eventIds without building a body per request.
 */
export function eventsBody(articles: readonly BenchArticle[], batch: number, offset = 0): string {
  const events = Array.from(
    { length: batch },
    (_, i) => `{"type":"view","articleId":"${(articles[(offset + i) % articles.length] as BenchArticle).id}","eventId":"[<id>]-${i}"}`,
  );
  return `{"events":[${events.join(',')}]}`;
}

/** Where readers came from, in turn: search, social, the article's own site, elsewhere, and none (direct). */
const REFERRERS = ['https://www.google.com/', 'https://t.co/x1y2z3', 'https://bench.example/', 'https://blog.example/a-post', undefined];

/**
 * A request body of `batch` events as article pages send them, each eventId and visitorId
 * holding autocannon's `[<id>]` placeholder: one event in four `{"type": "engaged", "seconds":
 * 15}` (reading time, no view), the views with a referrer of each class in turn and every third
 * with utm tags on its page URL; two events in three carry a visitorId, the rest are counted
 * by the anonymous key (the load generator's one address and User-Agent). Returns the body and
 * how many of its events are views.
 */
export function readerEventsBody(articles: readonly BenchArticle[], batch: number): { body: string; views: number } {
  let views = 0;
  const events = Array.from({ length: batch }, (_, i) => {
    const article = articles[i % articles.length] as BenchArticle;
    const fields = [`"articleId":"${article.id}"`, `"eventId":"[<id>]-${i}"`];
    if (i % 3 !== 0) fields.push(`"visitorId":"reader-[<id>]-${i % 40}"`);
    if (i % 4 === 3) return `{"type":"engaged","seconds":15,${fields.join(',')}}`;
    views++;
    const referrer = REFERRERS[i % REFERRERS.length];
    if (referrer) fields.push(`"referrer":"${referrer}"`);
    if (i % 3 === 1)
      fields.push(
        `"pageUrl":"https://bench.example/story-${i % articles.length}?utm_source=newsletter&utm_medium=email&utm_campaign=spring-${i % 5}"`,
      );
    return `{"type":"view",${fields.join(',')}}`;
  });
  return { body: `{"events":[${events.join(',')}]}`, views };
}
