import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { getJson, ingest } from './support/http.ts';
import { BROWSER_UA, TEST_TOKEN, eventually, startStack, type Stack } from './support/stack.ts';

interface Article {
  id: string;
  url: string;
  title: string;
}
interface Stats {
  article: { id: string };
  window: string;
  views: number;
  visitors: number;
  engagedSeconds: number;
  series: { t: string; views: number; visitors: number }[];
  referrers: Record<'direct' | 'internal' | 'search' | 'social' | 'other', number>;
  referrerHosts: { host: string; class: string; views: number }[];
  campaigns: { source: string | null; medium: string | null; campaign: string | null; views: number }[];
  bestRank: number | null;
  currentRank: number | null;
}
interface RankingItem {
  rank: number;
  views: number;
  visitors: number;
  article: { id: string };
}

type Event = Record<string, unknown>;

let stack: Stack;
let rising: Article;
let quiet: Article;

const auth = { authorization: `Bearer ${TEST_TOKEN}` };

async function send(events: Event[], userAgent = BROWSER_UA) {
  const response = await fetch(new URL('/v1/events', stack.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
  expect(response.status).toBe(202);
  return body;
}

async function stats(path: string) {
  const response = await fetch(new URL(path, stack.baseUrl), { headers: auth });
  return { status: response.status, body: (await response.json()) as Stats };
}

const view = (article: Article, extra: Event = {}): Event => ({ type: 'view', articleId: article.id, eventId: randomUUID(), ...extra });

/** What was sent to `rising`, to compare every answer with. */
const sent = {
  views: 0,
  visitors: 0,
  engagedSeconds: 0,
  referrers: { direct: 0, internal: 0, search: 0, social: 0, other: 0 },
};
const retried: Event[] = [];

beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker'], { RANKING_REFRESH_MS: '300' });
  await ingest(stack.baseUrl, rssFeed(testStories(3)), { source: 'paper', contentType: 'application/rss+xml' });
  const articles = (await getJson<{ items: Article[] }>(stack.baseUrl, '/v1/articles?limit=10')).body.items;
  [rising, quiet] = articles as [Article, Article];

  // Ten known readers, three views each, arriving by search, social, the site itself, elsewhere and directly.
  const referrerOf = [
    'https://www.google.co.jp/search?q=x',
    'https://t.co/abc',
    `${new URL(rising.url).origin}/`,
    'https://blog.example.org/p?id=1',
    undefined,
  ];
  const classOf = ['search', 'social', 'internal', 'other', 'direct'] as const;
  const known: Event[] = [];
  for (let reader = 0; reader < 10; reader++) {
    for (let n = 0; n < 3; n++) {
      const k = (reader * 3 + n) % 5;
      const referrer = referrerOf[k];
      known.push(view(rising, { visitorId: `reader-${reader}`, ...(referrer ? { referrer } : {}) }));
      sent.referrers[classOf[k]!] += 1;
    }
  }
  // Two views come from a newsletter link.
  known[0]!.pageUrl = `${rising.url}?utm_source=Newsletter&utm_medium=email&utm_campaign=morning`;
  known[1]!.pageUrl = `${rising.url}?utm_source=Newsletter&utm_medium=email&utm_campaign=morning`;
  expect((await send(known)).accepted).toBe(30);
  sent.views += 30;
  sent.visitors += 10;

  // Five anonymous readers (one address, five browsers), two views each: a visitor is address and User-Agent.
  for (let browser = 0; browser < 5; browser++) {
    const ua = `${BROWSER_UA} Reader/${browser}`;
    expect((await send([view(rising), view(rising)], ua)).accepted).toBe(2);
    sent.views += 2;
    sent.referrers.direct += 2;
  }
  sent.visitors += 5;

  // Retries: the same eventIds again, one of them now claiming another reader: no view, no visitor.
  retried.push(known[3]!, { ...known[4]!, visitorId: 'someone-else' });
  expect((await send(retried)).accepted).toBe(2);

  // Engaged time: readers 0 and 1 read for 2 × 15 s each; one beacon is retried.
  const engaged = [0, 1].flatMap((reader) =>
    [15, 15].map((seconds) => view(rising, { type: 'engaged', seconds, visitorId: `reader-${reader}` })),
  );
  expect((await send([...engaged, engaged[0]!])).accepted).toBe(5);
  sent.engagedSeconds = 60;

  // The quiet article: one view.
  expect((await send([view(quiet, { visitorId: 'reader-0' })])).accepted).toBe(1);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('readers, from the outside', () => {
  it('the access ranking counts views once and visitors beside them', async () => {
    const item = await eventually(async () => {
      const { body } = await getJson<{ items: RankingItem[] }>(stack.baseUrl, '/v1/ranking?window=24h');
      const found = body.items.find((i) => i.article.id === rising.id);
      return found && found.views === sent.views ? found : undefined;
    });
    expect(item.rank).toBe(1);
    expect(item.visitors).toBe(sent.visitors);
    const { body } = await getJson<{ items: RankingItem[] }>(stack.baseUrl, '/v1/ranking?window=1h');
    expect(body.items.find((i) => i.article.id === rising.id)?.visitors).toBe(sent.visitors);
  });

  it("an article's stats match what was sent", async () => {
    const { status, body } = await eventually(async () => {
      const answer = await stats(`/v1/articles/${rising.id}/stats?window=24h`);
      return answer.body.views === sent.views && answer.body.currentRank === 1 && answer.body.bestRank === 1 ? answer : undefined;
    });
    expect(status).toBe(200);
    expect(body.visitors).toBe(sent.visitors);
    expect(body.engagedSeconds).toBeCloseTo(sent.engagedSeconds / sent.visitors, 1);
    expect(body.referrers).toEqual(sent.referrers);
    expect(body.referrerHosts).toEqual(
      expect.arrayContaining([
        { host: 'www.google.co.jp', class: 'search', views: sent.referrers.search },
        { host: 't.co', class: 'social', views: sent.referrers.social },
        { host: 'blog.example.org', class: 'other', views: sent.referrers.other },
      ]),
    );
    expect(JSON.stringify(body)).not.toContain('q=x');
    expect(body.campaigns).toEqual([{ source: 'newsletter', medium: 'email', campaign: 'morning', views: 2 }]);
    expect(body.series).toHaveLength(24);
    expect(body.series.at(-1)).toMatchObject({ views: sent.views, visitors: sent.visitors });
    expect(body.series.slice(0, -1).every((point) => point.views === 0)).toBe(true);

    const month = await stats(`/v1/articles/${rising.id}/stats?window=30d`);
    expect(month.body.series.at(-1)).toMatchObject({ views: sent.views, visitors: sent.visitors });
    expect(month.body.visitors).toBe(sent.visitors);
  });

  it('the site stats add up every article', async () => {
    const { body } = await eventually(async () => {
      const answer = await fetch(new URL('/v1/stats?window=7d', stack.baseUrl), { headers: auth });
      const site = (await answer.json()) as Stats;
      return site.views === sent.views + 1 ? { body: site } : undefined;
    });
    expect(body.visitors).toBe(sent.visitors);
    expect(body.series).toHaveLength(168);
    expect(body.referrers.direct).toBe(sent.referrers.direct + 1);
  });

  it('the CSV export has one row per article per day', async () => {
    await eventually(async () => ((await stats(`/v1/articles/${quiet.id}/stats`)).body.views === 1 ? true : undefined));
    const response = await fetch(new URL('/v1/stats.csv', stack.baseUrl), { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('date,id,title,category,views,visitors,engaged_seconds');
    const today = new Date().toISOString().slice(0, 10);
    const row = lines.find((line) => line.includes(rising.id))?.split(',');
    expect(row?.[0]).toBe(today);
    expect(row?.slice(-3)).toEqual([String(sent.views), String(sent.visitors), String(sent.engagedSeconds / sent.visitors)]);
    expect(lines.filter((line) => line.includes(quiet.id))).toHaveLength(1);
    expect(lines).toHaveLength(3);
  });

  it('the dashboard shows the same figures', async () => {
    await eventually(async () => ((await stats('/v1/stats')).body.views === sent.views + 1 ? true : undefined));
    const site = await fetch(new URL('/dashboard', stack.baseUrl), { headers: auth });
    expect(site.status).toBe(200);
    const page = await site.text();
    expect(page).toContain(`<dd data-figure="views">${sent.views + 1}</dd>`);
    expect(page).toContain(`<dd data-figure="visitors">${sent.visitors}</dd>`);
    expect(page).toContain(rising.title);
    const article = await (await fetch(new URL(`/dashboard/articles/${rising.id}`, stack.baseUrl), { headers: auth })).text();
    expect(article).toContain(`<dd data-figure="views">${sent.views}</dd>`);
    expect(article).toContain('<dd data-figure="current-rank">#1</dd>');
    expect((await fetch(new URL('/dashboard', stack.baseUrl))).status).toBe(401);
  });

  it('stats need a token and name their refusals', async () => {
    expect((await fetch(new URL(`/v1/articles/${rising.id}/stats`, stack.baseUrl))).status).toBe(401);
    expect((await fetch(new URL('/v1/stats.csv', stack.baseUrl))).status).toBe(401);
    expect((await stats(`/v1/articles/${randomUUID()}/stats`)).status).toBe(404);
    expect((await stats(`/v1/articles/not-an-id/stats`)).status).toBe(404);
    const bad = await stats(`/v1/articles/${rising.id}/stats?window=1y`);
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { error: { code: string } }).error.code).toBe('invalid_parameter');
    const range = await fetch(new URL('/v1/stats.csv?from=2026-01-01&to=2026-03-01', stack.baseUrl), { headers: auth });
    expect(range.status).toBe(400);
  });

  it('bad engaged events are refused alone, with a reason', async () => {
    const answer = await send([
      { type: 'engaged', articleId: rising.id },
      { type: 'engaged', articleId: rising.id, seconds: 99_999 },
      view(quiet, { referrer: 12 }),
    ]);
    expect(answer.accepted).toBe(0);
    expect(answer.rejected.map((r) => r.index)).toEqual([0, 1, 2]);
  });
});
