import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { pruneRankingData } from './prune.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / HOUR) * HOUR + 30 * MINUTE;
const ago = (ms: number) => new Date(NOW - ms);

let database: TestDatabase;
let db: Db;
let article: TestArticle;

type Counted =
  | 'article_views_minute'
  | 'article_views_hour'
  | 'counted_events'
  | 'published_lists'
  | 'article_engagement_hour'
  | 'article_referrers_hour'
  | 'article_campaigns_hour'
  | 'site_traffic_hour'
  | 'site_engagement_hour'
  | 'article_best_ranks';
const count = async (table: Counted) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  [article] = (await insertArticles(db, 1)) as [TestArticle];
});
afterAll(async () => {
  await database?.drop();
});

describe('pruning ranking data', () => {
  it('removes what no list or dedup check can need any more, and keeps the rest', async () => {
    const bucket = (bucketStart: Date) => ({ bucket_start: bucketStart, article_id: article.id, views: 1 });
    await db
      .insertInto('article_views_minute')
      .values([bucket(ago(3 * HOUR)), bucket(ago(10 * MINUTE))])
      .execute();
    await db
      .insertInto('article_views_hour')
      .values([bucket(ago(32 * DAY)), bucket(ago(29 * DAY))])
      .execute();
    await db
      .insertInto('counted_events')
      .values([
        {
          event_key: '00000000-0000-4000-8000-000000000001',
          article_id: article.id,
          occurred_at: ago(31 * DAY),
          counted_at: ago(31 * DAY),
        },
        {
          event_key: '00000000-0000-4000-8000-000000000002',
          article_id: article.id,
          occurred_at: ago(29 * DAY),
          counted_at: ago(29 * DAY),
        },
      ])
      .execute();
    const version = (key: string, at: Date) => ({ list_key: key, generated_at: at, etag: '"x"', payload: JSON.stringify({}) });
    await db
      .insertInto('published_lists')
      .values([
        version('ranking:24h:all', ago(8 * DAY)),
        // Three versions within one minute two hours ago: only the last of them is kept.
        version('ranking:24h:all', ago(2 * HOUR + 40_000)),
        version('ranking:24h:all', ago(2 * HOUR + 30_000)),
        version('ranking:24h:all', ago(2 * HOUR + 20_000)),
        // Within the last hour every version is kept.
        version('ranking:24h:all', ago(10 * MINUTE + 20_000)),
        version('ranking:24h:all', ago(10 * MINUTE)),
      ])
      .execute();

    const removed = await pruneRankingData(
      db,
      { dedupRetentionMs: 30 * DAY, historyDays: 7 },
      createLogger({ level: 'silent', name: 'test' }),
      NOW,
    );

    expect(removed).toMatchObject({ minuteBuckets: 1, hourBuckets: 1, countedEvents: 1, publishedLists: 1, thinnedVersions: 2 });
    expect([
      await count('article_views_minute'),
      await count('article_views_hour'),
      await count('counted_events'),
      await count('published_lists'),
    ]).toEqual([1, 1, 1, 3]);
    const kept = await db.selectFrom('published_lists').select('generated_at').orderBy('generated_at').execute();
    expect(kept.map((row) => row.generated_at.getTime())).toEqual([NOW - 2 * HOUR - 20_000, NOW - 10 * MINUTE - 20_000, NOW - 10 * MINUTE]);
  });

  it('removes the hourly reader facts and best ranks older than the hour buckets, and keeps the newer ones', async () => {
    const [old, kept] = [ago(32 * DAY), ago(29 * DAY)];
    const hours = <Row>(row: (bucketStart: Date) => Row) => [row(old), row(kept)];
    const forArticle = { article_id: article.id };
    await db
      .insertInto('article_engagement_hour')
      .values(hours((bucket_start) => ({ ...forArticle, bucket_start, engaged_ms: 15_000, beacons: 1 })))
      .execute();
    await db
      .insertInto('article_referrers_hour')
      .values(
        hours((bucket_start) => ({
          ...forArticle,
          bucket_start,
          referrer_class: 'search',
          referrer_host: 'www.google.com',
          views: 1,
        })),
      )
      .execute();
    await db
      .insertInto('article_campaigns_hour')
      .values(
        hours((bucket_start) => ({
          ...forArticle,
          bucket_start,
          utm_source: 'newsletter',
          utm_medium: '',
          utm_campaign: '',
          views: 1,
        })),
      )
      .execute();
    await db
      .insertInto('site_traffic_hour')
      .values(hours((bucket_start) => ({ bucket_start, referrer_class: 'direct', referrer_host: '', views: 1 })))
      .execute();
    await db
      .insertInto('site_engagement_hour')
      .values(hours((bucket_start) => ({ bucket_start, engaged_ms: 15_000, beacons: 1 })))
      .execute();
    await db
      .insertInto('article_best_ranks')
      .values([
        { ...forArticle, window_name: '30d', best_rank: 1, reached_at: old },
        { ...forArticle, window_name: '7d', best_rank: 2, reached_at: kept },
      ])
      .execute();

    const removed = await pruneRankingData(
      db,
      { dedupRetentionMs: 30 * DAY, historyDays: 7 },
      createLogger({ level: 'silent', name: 'test' }),
      NOW,
    );

    expect(removed).toMatchObject({
      engagementHours: 1,
      referrerHours: 1,
      campaignHours: 1,
      siteTrafficHours: 1,
      siteEngagementHours: 1,
      bestRanks: 1,
    });
    const tables = [
      'article_engagement_hour',
      'article_referrers_hour',
      'article_campaigns_hour',
      'site_traffic_hour',
      'site_engagement_hour',
    ] as const;
    for (const table of tables) {
      const rows = await db.selectFrom(table).select('bucket_start').execute();
      expect([table, rows.map((row) => row.bucket_start.getTime())]).toEqual([table, [kept.getTime()]]);
    }
    const ranks = await db.selectFrom('article_best_ranks').select(['window_name', 'best_rank']).execute();
    expect(ranks).toEqual([{ window_name: '7d', best_rank: 2 }]);
    expect(await count('article_best_ranks')).toBe(1);
  });
});
