import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { RANKING_WINDOWS, windowBucketRange } from '@newsrank/ranking';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';
import { ensurePartitions } from './prune.ts';
import { advanceWindows } from './window-horizons.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const H = 6 * HOUR;

let database: TestDatabase;
let db: Db;
let articles: TestArticle[];
let counter = 0;

const view = (article: TestArticle, occurredAt: number) => ({ eventId: `w-${counter++}`, articleId: article.id, occurredAt });

/** Views per article in a window as the running totals hold them. */
async function totals(window: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('article_window_views')
    .select(['article_id', 'views', 'category_slug'])
    .where('window_name', '=', window)
    .execute();
  return new Map(rows.map((row) => [row.article_id, Number(row.views)]));
}

/** The same, summed from the buckets the way the window is defined at `nowMs`. */
async function summed(window: (typeof RANKING_WINDOWS)[number], nowMs: number): Promise<Map<string, number>> {
  const range = windowBucketRange(window, nowMs);
  const table = range.resolution === 'minute' ? 'article_views_minute' : 'article_views_hour';
  const rows = await db
    .selectFrom(table)
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('bucket_start', '>=', range.fromInclusive)
    .where('bucket_start', '<', range.toExclusive)
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((row) => [row.article_id, Number(row.views)]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  // Views up to 30 days old are counted, as under a dedup horizon of the longest window.
  await ensurePartitions(db, { dedupRetentionMs: 30 * DAY, historyDays: 7 });
  articles = await insertArticles(db, 3, { categories: ['Politics', 'Economy'] });
  await maintainLandmark(db, H, Date.now(), createLogger({ level: 'silent', name: 'test' }));
});
afterAll(() => database?.drop());

describe('running window totals', () => {
  const now = Date.now();
  const a = () => articles[0] as TestArticle;
  const b = () => articles[1] as TestArticle;
  const c = () => articles[2] as TestArticle;

  it('are built from the buckets on the first tick and then follow every batch', async () => {
    await applyViews(db, [view(a(), now), view(a(), now - 2 * HOUR), view(b(), now - 3 * DAY)], H);
    await advanceWindows(db, now);
    await applyViews(db, [view(a(), now), view(c(), now - 10 * MINUTE), view(b(), now - 20 * DAY)], H);
    for (const window of RANKING_WINDOWS) expect(await totals(window)).toEqual(await summed(window, now));
  });

  it('lose the buckets that leave a window as time passes, and get them back if the clock steps back', async () => {
    for (const later of [now + 30 * MINUTE, now + 2 * HOUR, now + 25 * HOUR, now]) {
      await advanceWindows(db, later);
      for (const window of RANKING_WINDOWS) expect(await totals(window)).toEqual(await summed(window, later));
    }
  });

  it('move an article to its new category when the story is updated', async () => {
    await db.updateTable('articles').set({ category: 'Economy', category_slug: 'economy' }).where('id', '=', a().id).execute();
    const rows = await db.selectFrom('article_window_views').select('category_slug').where('article_id', '=', a().id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.category_slug))).toEqual(new Set(['economy']));
    const popularity = await db
      .selectFrom('article_popularity')
      .select('category_slug')
      .where('article_id', '=', a().id)
      .executeTakeFirst();
    expect(popularity?.category_slug).toBe('economy');
  });
});
