import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { inParallel, postEvents, type ViewToSend } from './support/events.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HALF_LIFE = 6 * HOUR;
const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

interface Article {
  id: string;
  url: string;
  title: string;
  category: string;
  categorySlug: string;
  publishedAt: string;
}
interface RankingAnswer {
  window: string;
  category: string | null;
  generatedAt: string | null;
  items: {
    rank: number;
    previousRank: number | null;
    views: number;
    article: { id: string; title: string; url: string; category: string; publishedAt: string };
  }[];
}
interface PopularAnswer {
  category: string | null;
  halfLife: string;
  generatedAt: string | null;
  items: { rank: number; score: number; article: { id: string } }[];
}

/** One view as sent: which article, when, and under which eventId. */
interface SentView {
  articleId: string;
  occurredAt: number;
  eventId: string;
}

let stack: Stack;
let articles: Article[];
const sent: SentView[] = [];
const t0 = Date.now();

beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '500' });
  await ingest(stack.baseUrl, rssFeed(testStories(40)), { source: 'paper', contentType: 'application/rss+xml' });
  articles = (await getJson<{ items: Article[] }>(stack.baseUrl, '/v1/articles?limit=100')).body.items;
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

/**
 * Article i gets (i * 7) % 13 views in the last 40 minutes, i % 4 views three hours ago and
 * (i * 3) % 5 views two days ago: many ties, so the tie rules are exercised too.
 */
function plannedViews(): SentView[] {
  return articles.flatMap((article, i) => {
    const at = (count: number, when: (k: number) => number) =>
      Array.from({ length: count }, (_, k) => ({ articleId: article.id, occurredAt: when(k), eventId: `${article.id}:${randomUUID()}` }));
    return [
      ...at((i * 7) % 13, (k) => t0 - (k % 40) * MINUTE),
      ...at(i % 4, (k) => t0 - 3 * HOUR - k * MINUTE),
      ...at((i * 3) % 5, (k) => t0 - 2 * DAY - k * MINUTE),
    ];
  });
}

const toWire = (view: SentView, byUrl: boolean): ViewToSend => {
  const article = articles.find((a) => a.id === view.articleId) as Article;
  return {
    type: 'view',
    ...(byUrl ? { url: `${article.url}?utm_source=newsletter#comments` } : { articleId: view.articleId }),
    eventId: view.eventId,
    occurredAt: new Date(view.occurredAt).toISOString(),
  };
};

function expectedOrder(windowStart: number, category: string | null) {
  return articles
    .filter((a) => category === null || a.categorySlug === category)
    .map((a) => ({ a, views: sent.filter((v) => v.articleId === a.id && v.occurredAt >= windowStart).length }))
    .filter((entry) => entry.views > 0)
    .sort((x, y) => y.views - x.views || Date.parse(y.a.publishedAt) - Date.parse(x.a.publishedAt) || (x.a.id < y.a.id ? -1 : 1))
    .map((entry, i) => ({ rank: i + 1, id: entry.a.id, views: entry.views }));
}

describe('access events through the running processes', () => {
  it('a known stream with resent, bot and unknown-article events is counted exactly', async () => {
    const planned = plannedViews();
    sent.push(...planned);
    const batches: SentView[][] = [];
    for (let i = 0; i < planned.length; i += 37) batches.push(planned.slice(i, i + 37));

    await inParallel(batches, 4, async (batch, b) => {
      const wire = batch.map((view, i) => toWire(view, (b + i) % 3 === 0));
      const unknown: ViewToSend = { type: 'view', articleId: randomUUID(), eventId: randomUUID() };
      const answer = await postEvents(stack.baseUrl, [...wire, unknown]);
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ accepted: batch.length, filtered: 0, rejected: [{ index: batch.length, reason: 'unknown article' }] });
      // A client that did not see the answer sends the batch again: same eventIds, counted once.
      if (b % 4 === 0) expect((await postEvents(stack.baseUrl, wire)).status).toBe(202);
      // A crawler's views are answered and never counted.
      if (b % 5 === 0)
        expect(
          (
            await postEvents(
              stack.baseUrl,
              wire.map((v) => ({ ...v, eventId: randomUUID() })),
              BOT_UA,
            )
          ).body,
        ).toEqual({ accepted: 0, filtered: batch.length, rejected: [] });
    });

    const total7d = sent.filter((v) => v.occurredAt >= t0 - 7 * DAY).length;
    await eventually(
      async () => {
        const list = await getJson<RankingAnswer>(stack.baseUrl, '/v1/ranking?window=7d&limit=100');
        return list.body.items.reduce((sum, item) => sum + item.views, 0) === total7d ? true : undefined;
      },
      30_000,
      'every sent view in the 7d ranking',
    );

    for (const [window, start] of [
      ['24h', t0 - 20 * HOUR],
      ['7d', t0 - 6 * DAY],
      ['1h', t0 - 50 * MINUTE],
    ] as const) {
      const list = await getJson<RankingAnswer>(stack.baseUrl, `/v1/ranking?window=${window}&limit=100`);
      expect(list.body.items.map((item) => ({ rank: item.rank, id: item.article.id, views: item.views }))).toEqual(
        expectedOrder(start, null),
      );
    }
  });

  it('every category has its own ranking and popular list', async () => {
    for (const slug of ['politics', 'economy', 'world', 'sports', 'culture']) {
      const ranking = await getJson<RankingAnswer>(stack.baseUrl, `/v1/ranking?window=24h&category=${slug}&limit=100`);
      expect(ranking.body.category).toBe(slug);
      expect(ranking.body.items.map((item) => ({ rank: item.rank, id: item.article.id, views: item.views }))).toEqual(
        expectedOrder(t0 - 20 * HOUR, slug),
      );
      const popular = await getJson<PopularAnswer>(stack.baseUrl, `/v1/popular?category=${slug}&limit=100`);
      const inCategory = new Set(articles.filter((a) => a.categorySlug === slug).map((a) => a.id));
      expect(popular.body.items.length).toBeGreaterThan(0);
      expect(popular.body.items.every((item) => inCategory.has(item.article.id))).toBe(true);
    }
  });

  it('popular scores are the decayed views as of generatedAt, within 1%', async () => {
    const popular = await getJson<PopularAnswer>(stack.baseUrl, '/v1/popular?limit=100');
    expect(popular.body.halfLife).toBe('6h');
    const generatedAt = Date.parse(popular.body.generatedAt ?? '');
    const expected = (id: string) =>
      sent.filter((v) => v.articleId === id).reduce((sum, v) => sum + 2 ** (-(generatedAt - v.occurredAt) / HALF_LIFE), 0);
    expect(popular.body.items.length).toBe(new Set(sent.map((v) => v.articleId)).size);
    for (const item of popular.body.items)
      expect(Math.abs(item.score - expected(item.article.id)) / expected(item.article.id)).toBeLessThan(0.01);
    const scores = popular.body.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('an unchanged list answers 304 to its ETag and says how long to cache it', async () => {
    const first = await fetch(new URL('/v1/ranking?window=7d', stack.baseUrl));
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('cache-control')).toMatch(/max-age/);
    const again = await fetch(new URL('/v1/ranking?window=7d', stack.baseUrl), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('a list can be read as it was published at a given moment', async () => {
    const now = await getJson<RankingAnswer>(stack.baseUrl, '/v1/ranking?window=24h&limit=100');
    const then = await getJson<RankingAnswer>(
      stack.baseUrl,
      `/v1/ranking?window=24h&limit=100&at=${encodeURIComponent(new Date().toISOString())}`,
    );
    expect(then.body).toEqual(now.body);
    expect((await getJson(stack.baseUrl, `/v1/ranking?at=${encodeURIComponent(new Date(t0 - DAY).toISOString())}`)).status).toBe(404);
  });

  it('a view sent now shows in the 1h ranking and reaches stream subscribers', async () => {
    const stream = await fetch(new URL('/v1/ranking/stream?window=1h&category=all', stack.baseUrl));
    const reader = stream.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const article = articles[39] as Article;
    const before =
      (await getJson<RankingAnswer>(stack.baseUrl, '/v1/ranking?window=1h&limit=100')).body.items.find((i) => i.article.id === article.id)
        ?.views ?? 0;
    expect((await postEvents(stack.baseUrl, [{ type: 'view', articleId: article.id }])).status).toBe(202);
    await eventually(
      async () => {
        const list = await getJson<RankingAnswer>(stack.baseUrl, '/v1/ranking?window=1h&limit=100');
        return list.body.items.find((i) => i.article.id === article.id)?.views === before + 1 ? true : undefined;
      },
      30_000,
      'the new view in the 1h ranking',
    );
    let text = '';
    await eventually(
      async () => {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        return (text.match(/event: list/g) ?? []).length >= 2 ? true : undefined;
      },
      30_000,
      'two list events on the stream',
    );
    expect(text).toContain('"key":"ranking:1h:all"');
    await reader.cancel();
  });

  it('GET /v1/hit counts one view; a crawler hitting it counts nothing', async () => {
    const article = articles[38] as Article;
    const viewsOf = async () =>
      (await getJson<RankingAnswer>(stack.baseUrl, '/v1/ranking?window=1h&limit=100')).body.items.find((i) => i.article.id === article.id)
        ?.views ?? 0;
    const before = await viewsOf();
    const hit = (ua: string) => fetch(new URL(`/v1/hit?article=${article.id}`, stack.baseUrl), { headers: { 'user-agent': ua } });
    expect((await hit(BOT_UA)).status).toBe(204);
    expect((await hit('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15')).status).toBe(204);
    await eventually(async () => ((await viewsOf()) === before + 1 ? true : undefined), 30_000, 'the hit in the ranking');
    expect(
      (await fetch(new URL(`/v1/hit?article=${randomUUID()}`, stack.baseUrl), { headers: { 'user-agent': 'Mozilla/5.0 Firefox/128.0' } }))
        .status,
    ).toBe(404);
  });

  it('malformed requests are refused whole, with the reason', async () => {
    const post = (body: string) =>
      fetch(new URL('/v1/events', stack.baseUrl), { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await post('{"events": []}')).status).toBe(400);
    expect((await post('{"events": "view"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    const many = JSON.stringify({ events: Array.from({ length: 1001 }, () => ({ type: 'view', articleId: randomUUID() })) });
    const tooMany = await post(many);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe('too_many_events');
    const preflight = await fetch(new URL('/v1/events', stack.baseUrl), {
      method: 'OPTIONS',
      headers: { origin: 'https://paper.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
