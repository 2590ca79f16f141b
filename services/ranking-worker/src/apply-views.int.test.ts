import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@newsrank/logger';
import { scoreAt } from '@newsrank/ranking';
import type { Db } from '@newsrank/db';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';

const HOUR = 3_600_000;
const H = 6 * HOUR;
const logger = createLogger({ level: 'silent', name: 'test' });

let database: TestDatabase;
let db: Db;
let articles: TestArticle[];
const view = (article: TestArticle, eventId: string, occurredAt = Date.now()) => ({ eventId, articleId: article.id, occurredAt });
const articleAt = (i: number) => articles[i] as TestArticle;

const totals = async (table: 'article_views_minute' | 'article_views_hour') => {
  const rows = await db
    .selectFrom(table)
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.views)]));
};
const popularity = async (article: TestArticle) =>
  db.selectFrom('article_popularity').select(['accumulator', 'views']).where('article_id', '=', article.id).executeTakeFirst();
const landmark = async () => await db.selectFrom('popularity_landmark').select(['t0', 'half_life_ms']).executeTakeFirstOrThrow();

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  articles = await insertArticles(db, 20);
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  for (const table of ['counted_events', 'article_views_minute', 'article_views_hour', 'article_popularity'] as const)
    await db.deleteFrom(table).execute();
  await db
    .updateTable('popularity_landmark')
    .set({ t0: new Date(Math.floor(Date.now() / HOUR) * HOUR), half_life_ms: null })
    .execute();
  await maintainLandmark(db, H, Date.now(), logger);
});

describe('applying a batch of views', () => {
  it('fills minute buckets, hour buckets and the decayed accumulator in one go', async () => {
    const now = Date.now();
    const events = [view(articleAt(0), 'a'), view(articleAt(0), 'b', now - 2 * HOUR - 60_000), view(articleAt(1), 'c')];
    const outcome = await applyViews(db, events, H);
    expect(outcome).toMatchObject({ received: 3, counted: 3, duplicates: 0, unknownArticles: 0 });
    // The view of two hours ago is past the minute buckets' retention: an hour bucket only.
    expect((await totals('article_views_minute')).get(articleAt(0).id)).toBe(1);
    expect((await totals('article_views_hour')).get(articleAt(0).id)).toBe(2);
    expect((await totals('article_views_hour')).get(articleAt(1).id)).toBe(1);
    const row = await popularity(articleAt(0));
    expect(row?.views).toBe(2);
    expect(scoreAt(row?.accumulator ?? 0, outcome.t0Ms, now, H)).toBeCloseTo(1 + 2 ** (-(2 + 1 / 60) / 6), 3);
  });

  it('an eventId counts once, whether repeated within a batch or in a later one', async () => {
    await applyViews(db, [view(articleAt(0), 'same'), view(articleAt(0), 'same'), view(articleAt(0), 'other')], H);
    const again = await applyViews(db, [view(articleAt(0), 'same'), view(articleAt(0), 'other'), view(articleAt(0), 'third')], H);
    expect(again).toMatchObject({ counted: 1, duplicates: 2 });
    expect((await totals('article_views_hour')).get(articleAt(0).id)).toBe(3);
    expect((await popularity(articleAt(0)))?.views).toBe(3);
  });

  it('concurrent batches sharing events count every event exactly once, without deadlocks', async () => {
    const all = Array.from({ length: 4000 }, (_, i) => view(articleAt(i % 20), `e-${i}`, Date.now() - (i % 90) * 60_000));
    // Eight overlapping, differently ordered slices: each event is in about three of them.
    const slices = Array.from({ length: 8 }, (_, k) => {
      const slice = all.filter((_, i) => (i + k) % 8 < 3);
      return k % 2 === 0 ? slice : slice.reverse();
    });
    const outcomes = await Promise.all(slices.map((slice) => applyViews(db, slice, H)));
    expect(outcomes.reduce((sum, o) => sum + o.counted, 0)).toBe(4000);
    const hours = await totals('article_views_hour');
    const minutes = await totals('article_views_minute');
    for (const [i, article] of articles.entries()) {
      const sent = all.filter((e) => e.articleId === article.id).length;
      expect([i, hours.get(article.id), minutes.get(article.id)]).toEqual([i, sent, sent]);
    }
  });

  it('views of an article deleted meanwhile are dropped and the rest of the batch counts', async () => {
    const outcome = await applyViews(
      db,
      [view(articleAt(2), 'kept'), { eventId: 'gone', articleId: '00000000-0000-4000-8000-000000000000', occurredAt: Date.now() }],
      H,
    );
    expect(outcome).toMatchObject({ counted: 1, unknownArticles: 1 });
  });
});

describe('the forward-decay landmark', () => {
  it('a rebase moves T0 forward and leaves every score as it was', async () => {
    const now = Date.now();
    const oldT0 = now - 600 * H;
    await db
      .updateTable('popularity_landmark')
      .set({ t0: new Date(oldT0) })
      .execute();
    await applyViews(db, [view(articleAt(3), 'r1', now - HOUR), view(articleAt(3), 'r2', now)], H);
    const before = scoreAt((await popularity(articleAt(3)))?.accumulator ?? 0, oldT0, now, H);

    const newT0 = await maintainLandmark(db, H, now, logger);
    expect(newT0).toBeGreaterThan(oldT0);
    expect((await landmark()).t0.getTime()).toBe(newT0);
    const after = scoreAt((await popularity(articleAt(3)))?.accumulator ?? 0, newT0, now, H);
    expect(after).toBeCloseTo(before, 9);
    expect(after).toBeCloseTo(1 + 2 ** (-1 / 6), 6);
  });

  it('a changed half-life rebuilds the accumulators from the hour buckets', async () => {
    const now = Date.now();
    await applyViews(db, [view(articleAt(4), 'h1', now), view(articleAt(4), 'h2', now)], H);
    const t0 = await maintainLandmark(db, HOUR, now, logger);
    expect(Number((await landmark()).half_life_ms)).toBe(HOUR);
    // Hour buckets know views only to the hour: weighed at the bucket's middle, within ±30 min.
    const score = scoreAt((await popularity(articleAt(4)))?.accumulator ?? 0, t0, now, HOUR);
    expect(score).toBeGreaterThan(2 * 2 ** -1);
    expect(score).toBeLessThan(2 * 2 ** 0.5);
    await expect(applyViews(db, [view(articleAt(4), 'h3')], H)).rejects.toThrow(/half-life/);
  });
});
