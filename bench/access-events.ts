/**
 * Measures access events end to end against running processes (`pnpm start`, or api +
 * ranking-worker + ingest-worker started by hand, with RATE_LIMIT_PER_MINUTE=0):
 *
 *   node bench/access-events.ts [--events 200000] [--batch 500] [--concurrency 16] [--samples 20]
 *
 * 1. stores 100 articles of a category of the run's own through POST /v1/articles;
 * 2. sends the events (unique eventIds, browser User-Agent) and reports accepted events/s;
 * 3. waits until the 1h ranking shows every one of them: events/s end to end;
 * 4. sends single views one at a time and reports how long each took from the 202 to showing
 *    in GET /v1/ranking (acceptance → visibility lag).
 * Reads NEWSRANK_API_URL (default http://127.0.0.1:8080) and INGEST_TOKEN (default dev-token).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '16' },
    samples: { type: 'string', default: '20' },
  },
});
const API = process.env.NEWSRANK_API_URL ?? 'http://127.0.0.1:8080';
const TOKEN = process.env.INGEST_TOKEN ?? 'dev-token';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const SAMPLES = Number(values.samples);
const ARTICLES = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const run = randomUUID().slice(0, 8);
const CATEGORY = `bench-${run}`;

async function storeArticles(): Promise<string[]> {
  const articles = Array.from({ length: ARTICLES }, (_, i) => ({
    guid: `bench-${run}-${i}`,
    url: `https://bench.example/${run}/${i}`,
    title: `Benchmark story ${i}`,
    category: CATEGORY,
    publishedAt: new Date(Date.now() - i * 60_000).toISOString(),
  }));
  const response = await fetch(`${API}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ articles }),
  });
  const { statusUrl } = (await response.json()) as { statusUrl: string };
  for (;;) {
    const job = (await (await fetch(`${API}${statusUrl}`)).json()) as { status: string; result: { articles: { id: string }[] } | null };
    if (job.status === 'completed' && job.result) return job.result.articles.map((a) => a.id);
    if (job.status === 'failed') throw new Error('storing the benchmark articles failed');
    await sleep(100);
  }
}

async function viewsShown(ids: Set<string>): Promise<Map<string, number>> {
  const list = (await (await fetch(`${API}/v1/ranking?window=1h&category=${CATEGORY}&limit=100`)).json()) as {
    items: { views: number; article: { id: string } }[];
  };
  return new Map(list.items.filter((item) => ids.has(item.article.id)).map((item) => [item.article.id, item.views]));
}

async function send(events: object[]): Promise<void> {
  for (;;) {
    const response = await fetch(`${API}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': UA },
      body: JSON.stringify({ events }),
    });
    if (response.status === 202) return;
    await sleep(50);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

const ids = await storeArticles();
const idSet = new Set(ids);
const batches = Math.ceil(EVENTS / BATCH);
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < batches) {
      const b = next++;
      const size = Math.min(BATCH, EVENTS - b * BATCH);
      await send(
        Array.from({ length: size }, (_, i) => ({ type: 'view', articleId: ids[(b * BATCH + i) % ids.length], eventId: randomUUID() })),
      );
    }
  }),
);
const acceptedAt = performance.now();
for (;;) {
  const shown = [...(await viewsShown(idSet)).values()].reduce((a, b) => a + b, 0);
  if (shown >= EVENTS) break;
  await sleep(20);
}
const visibleAt = performance.now();

const lags: number[] = [];
for (let s = 0; s < SAMPLES; s++) {
  const id = ids[s % ids.length] as string;
  const before = (await viewsShown(idSet)).get(id) ?? 0;
  await send([{ type: 'view', articleId: id }]);
  const accepted = performance.now();
  while (((await viewsShown(idSet)).get(id) ?? 0) < before + 1) await sleep(10);
  lags.push(performance.now() - accepted);
  // A random phase against the publisher's ticks, so the samples spread over a whole interval.
  await sleep(Math.random() * 1000);
}
lags.sort((a, b) => a - b);

const seconds = (ms: number) => (ms / 1000).toFixed(2);
process.stdout.write(
  `${JSON.stringify(
    {
      events: EVENTS,
      batch: BATCH,
      concurrency: CONCURRENCY,
      acceptedPerSecond: Math.round(EVENTS / ((acceptedAt - started) / 1000)),
      endToEndPerSecond: Math.round(EVENTS / ((visibleAt - started) / 1000)),
      lastAcceptedToAllVisibleSeconds: seconds(visibleAt - acceptedAt),
      lagMs: {
        min: Math.round(lags[0] ?? NaN),
        median: Math.round(percentile(lags, 0.5)),
        p95: Math.round(percentile(lags, 0.95)),
        max: Math.round(lags.at(-1) ?? NaN),
      },
    },
    null,
    2,
  )}\n`,
);
