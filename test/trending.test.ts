import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { inParallel, postEvents, type ViewToSend } from './support/events.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Article {
  id: string;
  categorySlug: string;
  publishedAt: string;
}
interface TrendingAnswer {
  category: string | null;
  generatedAt: string | null;
  items: { rank: number; previousRank: number | null; score: number; views: number; baseline: number; article: { id: string } }[];
}

let stack: Stack;
let rising: Article;
let steady: Article;
let quiet: Article;
const sent: { articleId: string; occurredAt: number }[] = [];
const t0 = Date.now();

beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '300' });
  await ingest(stack.baseUrl, rssFeed(testStories(5)), { source: 'paper', contentType: 'application/rss+xml' });
  const articles = (await getJson<{ items: Article[] }>(stack.baseUrl, '/v1/articles?limit=100')).body.items;
  const inCategory = (slug: string) => articles.find((a) => a.categorySlug === slug) as Article;
  [rising, steady, quiet] = [inCategory('politics'), inCategory('economy'), inCategory('world')];
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

/**
 * What the list must show at `generatedAt`, by the documented rule: r counts the minutes of the
 * 1h window (the current one and the 59 before), e the 24 whole hours before the hour in which
 * that window starts, divided by 24; only r ≥ 10 and a positive score.
 */
function expectedAt(generatedAt: number, category: string | null) {
  const windowStart = Math.floor(generatedAt / MINUTE) * MINUTE + MINUTE - HOUR;
  const baselineEnd = Math.floor(windowStart / HOUR) * HOUR;
  return [rising, steady, quiet]
    .filter((article) => category === null || article.categorySlug === category)
    .map((article) => {
      const mine = sent.filter((view) => view.articleId === article.id);
      const views = mine.filter((view) => view.occurredAt >= windowStart).length;
      const baseline = mine.filter((view) => view.occurredAt >= baselineEnd - DAY && view.occurredAt < baselineEnd).length / 24;
      return { id: article.id, views, baseline, score: (views - baseline) / Math.sqrt(baseline + 1) };
    })
    .filter((entry) => entry.views >= 10 && entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((entry, i) => ({ rank: i + 1, id: entry.id, views: entry.views, baseline: round(entry.baseline), score: round(entry.score) }));
}
const round = (value: number) => Math.round(value * 1000) / 1000;
const shown = (answer: TrendingAnswer) =>
  answer.items.map((item) => ({ rank: item.rank, id: item.article.id, views: item.views, baseline: item.baseline, score: item.score }));

describe('the trending list through the running processes', () => {
  it('a story that rises is trending with its views, baseline and score; one steadily as high is not', async () => {
    const at = (article: Article, count: number, when: (k: number) => number) =>
      Array.from({ length: count }, (_, k) => ({ articleId: article.id, occurredAt: when(k) }));
    sent.push(
      // 40 views in the last 20 minutes, none before.
      ...at(rising, 40, (k) => t0 - (k % 20) * MINUTE),
      // 12 views at half past every hour for 26 hours: as many in the last hour as in each before it.
      ...at(steady, 12 * 26, (k) => t0 - Math.floor(k / 12) * HOUR - 30 * MINUTE),
      // Rising too, but below TRENDING_MIN_VIEWS.
      ...at(quiet, 9, (k) => t0 - k * MINUTE),
    );
    const batches: ViewToSend[][] = [];
    for (let i = 0; i < sent.length; i += 50)
      batches.push(
        sent.slice(i, i + 50).map((view) => ({
          type: 'view',
          articleId: view.articleId,
          eventId: randomUUID(),
          occurredAt: new Date(view.occurredAt).toISOString(),
        })),
      );
    await inParallel(batches, 3, async (batch) => {
      const answer = await postEvents(stack.baseUrl, batch);
      expect(answer.body).toEqual({ accepted: batch.length, filtered: 0, rejected: [] });
    });

    const list = await eventually(
      async () => {
        const answer = (await getJson<TrendingAnswer>(stack.baseUrl, '/v1/trending?limit=100')).body;
        if (answer.generatedAt === null) return undefined;
        const expected = expectedAt(Date.parse(answer.generatedAt), null);
        return expected.length > 0 && JSON.stringify(shown(answer)) === JSON.stringify(expected) ? answer : undefined;
      },
      30_000,
      'the trending list showing every sent view',
    );
    expect(shown(list)).toEqual([{ rank: 1, id: rising.id, views: 40, baseline: 0, score: 40 }]);
    expect(list.category).toBeNull();

    // The steady story is in the 1h ranking with as many views as it has every hour. Waited for:
    // the trending list above does not hold the steady story, so its matching says nothing about
    // whether the steady story's last views were applied yet.
    const steadyViews = async () =>
      (await getJson<{ items: { views: number; article: { id: string } }[] }>(stack.baseUrl, '/v1/ranking?window=1h')).body.items.find(
        (item) => item.article.id === steady.id,
      )?.views;
    await eventually(async () => ((await steadyViews()) === 12 ? true : undefined), 30_000, 'the steady story in the 1h ranking');
    expect(await steadyViews()).toBe(12);
  });

  it('every category has its own trending list; an unknown one is empty', async () => {
    const politics = (await getJson<TrendingAnswer>(stack.baseUrl, '/v1/trending?category=Politics')).body;
    expect(politics.category).toBe('politics');
    expect(politics.items.map((item) => item.article.id)).toEqual([rising.id]);
    const economy = (await getJson<TrendingAnswer>(stack.baseUrl, '/v1/trending?category=economy')).body;
    expect(economy.items).toEqual([]);
    const unknown = await getJson<TrendingAnswer>(stack.baseUrl, '/v1/trending?category=no-such-section');
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ category: 'no-such-section', generatedAt: null, items: [] });
    expect((await getJson(stack.baseUrl, '/v1/trending?limit=0')).status).toBe(400);
  });

  it('answers 304 to its ETag and says how long to cache it', async () => {
    const first = await fetch(new URL('/v1/trending', stack.baseUrl));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect(first.headers.get('cache-control')).toMatch(/max-age/);
    const again = await fetch(new URL('/v1/trending', stack.baseUrl), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('can be read as it was published at a given moment', async () => {
    const now = (await getJson<TrendingAnswer>(stack.baseUrl, '/v1/trending?limit=100')).body;
    const then = await getJson<TrendingAnswer>(stack.baseUrl, `/v1/trending?limit=100&at=${encodeURIComponent(new Date().toISOString())}`);
    expect(then.status).toBe(200);
    expect(then.body).toEqual(now);
    expect((await getJson(stack.baseUrl, `/v1/trending?at=${encodeURIComponent(new Date(t0 - DAY).toISOString())}`)).status).toBe(404);
  });

  it('opens the list stream filtered to trending lists with the current one', async () => {
    const stream = await fetch(new URL('/v1/ranking/stream?kind=trending&category=all', stack.baseUrl));
    const reader = stream.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let text = '';
    await eventually(
      async () => {
        text += new TextDecoder().decode((await reader.read()).value);
        return /^data: .*\n\n/m.test(text) ? true : undefined;
      },
      10_000,
      'the opening event',
    );
    await reader.cancel();
    const events = [...text.matchAll(/^data: (.*)$/gm)].map(
      (m) => JSON.parse(m[1] ?? '') as { key: string; kind: string; list: TrendingAnswer },
    );
    expect(events.map((event) => [event.key, event.kind])).toEqual([['trending:all', 'trending']]);
    expect(events[0]?.list.items.map((item) => item.article.id)).toEqual([rising.id]);
  });
});
