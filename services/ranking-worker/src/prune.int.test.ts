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

const count = async (table: 'article_views_minute' | 'article_views_hour' | 'counted_events' | 'published_lists') =>
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

    expect(removed).toEqual({ minuteBuckets: 1, hourBuckets: 1, countedEvents: 1, publishedLists: 1, thinnedVersions: 2 });
    expect([
      await count('article_views_minute'),
      await count('article_views_hour'),
      await count('counted_events'),
      await count('published_lists'),
    ]).toEqual([1, 1, 1, 3]);
    const kept = await db.selectFrom('published_lists').select('generated_at').orderBy('generated_at').execute();
    expect(kept.map((row) => row.generated_at.getTime())).toEqual([NOW - 2 * HOUR - 20_000, NOW - 10 * MINUTE - 20_000, NOW - 10 * MINUTE]);
  });
});
