import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type pg from 'pg';
import { STATS_WINDOWS, type StatsWindow } from '@newsrank/wire';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { createDb, type Db } from '../database.ts';
import { ensureTimePartitions } from '../partitions/time-partitions.ts';
import { articleReaderFacts, type HourRange } from './reader-stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The end of every range: far from the partitions the migration made around now. */
const END = Date.parse('2026-01-20T12:00:00Z');
const LENGTH: Record<StatsWindow, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
const rangeOf = (window: StatsWindow): HourRange => ({ from: new Date(END - LENGTH[window]), to: new Date(END) });

let database: TestDatabase;
let one: { db: Db; pool: pg.Pool };
let reader: string;
let other: string;

async function article(title: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into articles (id, source, url, title, category, category_slug, published_at)
    values (gen_random_uuid(), 'stats', ${`https://paper.example/${title}`}, ${title}, 'Politics', 'politics', timestamptz '2026-01-02T08:00:00Z')
    returning id::text
  `.execute(database.db);
  return rows[0]!.id;
}

/** `views` in the hour at `hoursBefore` hours before END: all but one direct, one from a search engine. */
async function hour(articleId: string, hoursBefore: number, views: number): Promise<void> {
  const at = new Date(END - hoursBefore * HOUR);
  await sql`insert into article_views_hour (bucket_start, article_id, views) values (${at}, ${articleId}, ${views})`.execute(database.db);
  await sql`insert into article_engagement_hour (article_id, bucket_start, engaged_ms, beacons) values (${articleId}, ${at}, ${views * 1000}, ${views})`.execute(
    database.db,
  );
  await sql`
    insert into article_referrers_hour (article_id, bucket_start, referrer_class, referrer_host, views)
    values (${articleId}, ${at}, 'direct', '', ${views - 1}), (${articleId}, ${at}, 'search', 'www.google.com', 1)
  `.execute(database.db);
}

async function campaign(articleId: string, hoursBefore: number, name: string, views: number): Promise<void> {
  await sql`
    insert into article_campaigns_hour (article_id, bucket_start, utm_source, utm_medium, utm_campaign, views)
    values (${articleId}, ${new Date(END - hoursBefore * HOUR)}, 'newsletter', 'email', ${name}, ${views})
  `.execute(database.db);
}

beforeAll(async () => {
  database = await createTestDatabase();
  one = createDb({ url: database.url, poolSize: 1 });
  for (const table of ['article_views_hour', 'article_engagement_hour', 'article_referrers_hour', 'article_campaigns_hour'] as const) {
    await ensureTimePartitions(database.db, table, { fromMs: END - 35 * DAY, toMs: END + DAY }, 7 * DAY, END);
  }
  reader = await article('read');
  other = await article('other');
  await hour(reader, 1, 10);
  await hour(reader, 30, 5);
  await hour(reader, 10 * 24, 7);
  // Before the 30d range, and the hour the range ends at: neither counts.
  await hour(reader, 31 * 24, 3);
  await hour(reader, 0, 100);
  // Another article's rows in the same hours are never its.
  await hour(other, 1, 50);
  for (let i = 0; i <= 10; i++) await campaign(reader, 1, `c${i}`, i + 1);
  await campaign(reader, 10 * 24, 'old', 50);
  await sql`
    insert into article_best_ranks (article_id, window_name, best_rank, reached_at)
    values (${reader}, '24h', 5, now()), (${reader}, '7d', 3, now()), (${reader}, '30d', 2, now()), (${other}, '24h', 1, now())
  `.execute(database.db);
});
afterAll(async () => {
  await one?.db.destroy();
  await database?.drop();
});

describe('articleReaderFacts', () => {
  it("reads the article's own rows inside each window's range, and the best rank of that window", async () => {
    const [day, week, month] = await Promise.all(
      (['24h', '7d', '30d'] as const).map((window) => articleReaderFacts(one.db, reader, window, rangeOf(window), 10)),
    );
    expect(day?.article).toEqual({
      id: reader,
      title: 'read',
      url: 'https://paper.example/read',
      category: 'Politics',
      publishedAt: new Date('2026-01-02T08:00:00Z'),
    });
    expect(day?.hours).toEqual([{ bucketStart: new Date(END - HOUR), views: 10 }]);
    expect(week?.hours.map((h) => h.views)).toEqual([5, 10]);
    expect(month?.hours).toEqual([
      { bucketStart: new Date(END - 10 * DAY), views: 7 },
      { bucketStart: new Date(END - 30 * HOUR), views: 5 },
      { bucketStart: new Date(END - HOUR), views: 10 },
    ]);
    expect([day?.engagedMs, week?.engagedMs, month?.engagedMs]).toEqual([10_000, 15_000, 22_000]);
    expect(new Set(month?.referrers)).toEqual(
      new Set([
        { referrerClass: 'direct', referrerHost: '', views: 19 },
        { referrerClass: 'search', referrerHost: 'www.google.com', views: 3 },
      ]),
    );
    expect([day?.bestRank, week?.bestRank, month?.bestRank]).toEqual([5, 3, 2]);
  });

  it('keeps the campaigns with the most views, most first, up to the limit', async () => {
    const day = await articleReaderFacts(one.db, reader, '24h', rangeOf('24h'), 10);
    expect(day?.campaigns.map((c) => c.campaign)).toEqual(['c10', 'c9', 'c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1']);
    expect(day?.campaigns[0]).toEqual({ source: 'newsletter', medium: 'email', campaign: 'c10', views: 11 });
    const month = await articleReaderFacts(one.db, reader, '30d', rangeOf('30d'), 3);
    expect(month?.campaigns.map((c) => [c.campaign, c.views])).toEqual([
      ['old', 50],
      ['c10', 11],
      ['c9', 10],
    ]);
  });

  it('is empty but for the article where it has no rows, and null for no article', async () => {
    const quiet = await article('quiet');
    expect(await articleReaderFacts(one.db, quiet, '7d', rangeOf('7d'), 10)).toMatchObject({
      hours: [],
      engagedMs: 0,
      referrers: [],
      campaigns: [],
      bestRank: null,
    });
    expect(await articleReaderFacts(one.db, '00000000-0000-4000-8000-000000000000', '24h', rangeOf('24h'), 10)).toBeNull();
  });

  it('is one prepared statement per window on a connection, reused by every later call', async () => {
    for (let round = 0; round < 3; round++) {
      for (const window of STATS_WINDOWS) await articleReaderFacts(one.db, other, window, rangeOf(window), 10);
    }
    const { rows } = await one.pool.query<{ name: string; statement: string }>(
      `select name, statement from pg_prepared_statements where statement like '%article_best_ranks%'`,
    );
    expect(rows).toHaveLength(STATS_WINDOWS.length);
    expect(new Set(rows.map((row) => row.name)).size).toBe(STATS_WINDOWS.length);
    for (const window of STATS_WINDOWS) expect(rows.filter((row) => row.statement.includes(`window_name = '${window}'`))).toHaveLength(1);
  });

  it('refuses a window it has no statement for', async () => {
    await expect(articleReaderFacts(one.db, reader, '90d' as StatsWindow, rangeOf('30d'), 10)).rejects.toThrow(/no stats window 90d/);
  });
});
