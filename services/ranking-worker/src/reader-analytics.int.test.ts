import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countVisitors, visitorKey, visitorSetKey, type VisitorScope, type VisitorUnit } from '@newsrank/analytics';
import type { Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import type { QueuedViewEvent } from '@newsrank/queue';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews, type VisitorSink } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const H = 6 * HOUR;
const VISITORS = 100_000;
const BATCH = 10_000;
// The last whole hour: every view lands in one hour set and one day set (an hour never straddles midnight).
const HOUR_START = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const DAY_START = Math.floor(HOUR_START / DAY) * DAY;

const REFERRERS: (QueuedViewEvent['referrer'] | undefined)[] = [
  { class: 'search', host: 'www.google.com' },
  { class: 'social', host: 't.co' },
  { class: 'internal', host: 'news.example' },
  { class: 'other', host: 'blog.example' },
  undefined,
];
const CAMPAIGN = { source: 'newsletter', medium: 'email', campaign: null };

let database: TestDatabase;
let db: Db;
let redis: Redis;
let sink: VisitorSink;
let article: TestArticle;

/** View i: its own eventId and reader, a referrer of the five kinds in turn, every third from the newsletter. */
function viewOf(i: number, reader = `reader-${i}`): QueuedViewEvent {
  const event: QueuedViewEvent = {
    eventId: `view-${i}`,
    articleId: article.id,
    occurredAt: HOUR_START + (i % 3600) * 1000,
    visitor: visitorKey({ visitorId: reader }),
  };
  const referrer = REFERRERS[i % REFERRERS.length];
  if (referrer) event.referrer = referrer;
  if (i % 3 === 0) event.campaign = CAMPAIGN;
  return event;
}

const views = Array.from({ length: VISITORS }, (_, i) => i);
async function applyInBatches(events: QueuedViewEvent[]) {
  const outcomes = [];
  for (let from = 0; from < events.length; from += BATCH) outcomes.push(await applyViews(db, events.slice(from, from + BATCH), H, sink));
  return {
    counted: outcomes.reduce((sum, o) => sum + o.counted, 0),
    engaged: outcomes.reduce((sum, o) => sum + o.engaged, 0),
    duplicates: outcomes.reduce((sum, o) => sum + o.duplicates, 0),
  };
}

const setOf = (scope: VisitorScope, unit: VisitorUnit) =>
  visitorSetKey(sink.prefix, scope, { unit, startMs: unit === 'hour' ? HOUR_START : DAY_START });
/** Visitors of the article's hour and day sets and of the site's hour set. */
const visitors = async () => countVisitors(redis, [[setOf(article.id, 'hour')], [setOf(article.id, 'day')], [setOf('site', 'hour')]]);

const sumOf = async (table: 'article_views_hour' | 'article_referrers_hour' | 'article_campaigns_hour' | 'site_traffic_hour') => {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.sum<string>('views').as('views'))
    .executeTakeFirstOrThrow();
  return Number(row.views ?? 0);
};
const referrerSplit = async () => {
  const rows = await db
    .selectFrom('article_referrers_hour')
    .select(['referrer_class', 'referrer_host', (eb) => eb.fn.sum<string>('views').as('views')])
    .where('article_id', '=', article.id)
    .groupBy(['referrer_class', 'referrer_host'])
    .orderBy('referrer_class')
    .execute();
  return rows.map((r) => [r.referrer_class, r.referrer_host, Number(r.views)]);
};
const engagement = async () => {
  const rows = await db.selectFrom('article_engagement_hour').select(['bucket_start', 'engaged_ms', 'beacons']).execute();
  const site = await db.selectFrom('site_engagement_hour').select(['engaged_ms', 'beacons']).execute();
  return {
    article: rows.map((r) => [r.bucket_start.getTime(), Number(r.engaged_ms), r.beacons]),
    site: site.map((r) => [Number(r.engaged_ms), Number(r.beacons)]),
  };
};
/** Every figure a repeated or engaged event must leave alone. */
const snapshot = async () => ({
  visitors: await visitors(),
  views: await sumOf('article_views_hour'),
  referrers: await sumOf('article_referrers_hour'),
  campaigns: await sumOf('article_campaigns_hour'),
  site: await sumOf('site_traffic_hour'),
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  redis = new Redis(TEST_REDIS_URL);
  sink = { redis, prefix: testQueuePrefix() };
  [article] = (await insertArticles(db, 1)) as [TestArticle];
  await maintainLandmark(db, H, Date.now(), createLogger({ level: 'silent', name: 'test' }));
});
afterAll(async () => {
  redis?.disconnect();
  if (sink) await deleteQueuePrefix(sink.prefix);
  await database?.drop();
});

// The tests build on one another: the first applies the views the others repeat and add to.
describe('reader analytics in the apply path', () => {
  it(`counts ${VISITORS.toLocaleString('en')} distinct visitors of one article within 2%`, async () => {
    const outcome = await applyInBatches(views.map((i) => viewOf(i)));
    expect(outcome).toEqual({ counted: VISITORS, engaged: 0, duplicates: 0 });
    const [hour, day, site] = await visitors();
    for (const count of [hour, day, site]) expect(Math.abs((count ?? 0) - VISITORS) / VISITORS).toBeLessThan(0.02);
    // The day set holds the same visitors as its one hour: the same estimate.
    expect(day).toBe(hour);
  });

  it('adds no view and no visitor for events applied again, even when a retry carries another visitor', async () => {
    const before = await snapshot();
    expect(before.views).toBe(VISITORS);

    expect(await applyInBatches(views.map((i) => viewOf(i)))).toEqual({ counted: 0, engaged: 0, duplicates: VISITORS });
    // Same eventIds, new readers: had any of these 20,000 reached a set, the estimate would move.
    const retried = views.filter((i) => i % 5 === 0).map((i) => viewOf(i, `someone-else-${i}`));
    expect(await applyInBatches(retried)).toEqual({ counted: 0, engaged: 0, duplicates: retried.length });
    expect(await snapshot()).toEqual(before);

    // The sets do move for views never counted before: the comparison above could fail.
    const fresh = Array.from({ length: 5_000 }, (_, k) => viewOf(VISITORS + k));
    expect(await applyInBatches(fresh)).toMatchObject({ counted: fresh.length });
    const [hour] = await visitors();
    expect(hour).toBeGreaterThan((before.visitors[0] ?? 0) + 4_000);
  });

  it('adds engaged time without a view or a visitor; referrers and campaigns add up to the views', async () => {
    const before = await snapshot();
    const engaged = Array.from({ length: 2_000 }, (_, k): QueuedViewEvent => ({
      eventId: `engaged-${k}`,
      articleId: article.id,
      occurredAt: HOUR_START + k * 1000,
      kind: 'engaged',
      seconds: 15,
      visitor: visitorKey({ visitorId: `reader-only-engaged-${k}` }),
    }));
    expect(await applyInBatches(engaged)).toEqual({ counted: 0, engaged: engaged.length, duplicates: 0 });
    expect(await applyInBatches(engaged)).toEqual({ counted: 0, engaged: 0, duplicates: engaged.length });
    expect(await snapshot()).toEqual(before);
    expect(await engagement()).toEqual({ article: [[HOUR_START, 2_000 * 15_000, 2_000]], site: [[2_000 * 15_000, 2_000]] });

    const viewed = VISITORS + 5_000;
    expect(before).toMatchObject({ views: viewed, referrers: viewed, site: viewed });
    const ofKind = (k: number) => Math.ceil((viewed - k) / REFERRERS.length);
    expect(await referrerSplit()).toEqual([
      ['direct', '', ofKind(4)],
      ['internal', 'news.example', ofKind(2)],
      ['other', 'blog.example', ofKind(3)],
      ['search', 'www.google.com', ofKind(0)],
      ['social', 't.co', ofKind(1)],
    ]);
    const campaigns = await db.selectFrom('article_campaigns_hour').selectAll().execute();
    expect(campaigns.map((r) => [r.utm_source, r.utm_medium, r.utm_campaign, r.views])).toEqual([
      ['newsletter', 'email', '', Math.ceil(viewed / 3)],
    ]);
  });

  it('a visitor set Redis refuses rolls the batch back: the retry counts its views', async () => {
    const before = await snapshot();
    const view = viewOf(VISITORS + 10_000);
    const minuteSet = visitorSetKey(sink.prefix, article.id, { unit: 'minute', startMs: Math.floor(view.occurredAt / 60_000) * 60_000 });
    // Not a HyperLogLog: PFADD answers WRONGTYPE.
    await redis.set(minuteSet, 'not a set');
    await expect(applyViews(db, [view], H, sink)).rejects.toThrow(/WRONGTYPE/);
    // The pipeline's other sets may hold the visitor already: the retry adds it again, which changes nothing.
    expect({ ...(await snapshot()), visitors: before.visitors }).toEqual(before);

    await redis.del(minuteSet);
    expect(await applyViews(db, [view], H, sink)).toMatchObject({ counted: 1, duplicates: 0 });
    expect((await snapshot()).views).toBe(before.views + 1);
  });
});
