import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHURNED_RANKING_TABLES,
  autovacuumIsOn,
  dropTimePartitionsBefore,
  ensureTimePartitions,
  listTimePartitions,
  partitionWindow,
  recordNewEvents,
  sql,
  vacuumChurnedTables,
  type Db,
  type TimePartitionedTable,
} from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { insertArticles, setCountingEpoch, type TestArticle } from '../../../test/support/ranking.ts';
import { pruneRankingData } from './prune.ts';
import { retentionOf, type RetentionSettings } from './retention.ts';

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

const SETTINGS: RetentionSettings = { dedupRetentionMs: 7 * DAY, historyDays: 7 };
const silent = createLogger({ level: 'silent', name: 'test' });

/** Partitions for rows written `backMs` before NOW, as the table's settings cut them. */
async function coverBack(table: TimePartitionedTable, backMs: number, settings = SETTINGS): Promise<void> {
  const { spanMs } = partitionWindow(NOW, retentionOf(settings)[table]);
  await ensureTimePartitions(db, table, { fromMs: NOW - backMs, toMs: NOW + HOUR }, spanMs);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  [article] = (await insertArticles(db, 1)) as [TestArticle];
});
afterAll(async () => {
  await database?.drop();
});

describe('pruning ranking data', () => {
  it("drops the partitions past each table's retention whole, and keeps the rest", async () => {
    await coverBack('article_views_minute', 4 * HOUR);
    for (const table of ['article_views_hour', 'counted_events', 'published_lists'] as const) await coverBack(table, 50 * DAY);
    const bucket = (bucketStart: Date) => ({ bucket_start: bucketStart, article_id: article.id, views: 1 });
    // Whole partitions go: a row survives its retention by up to a span and a spare one.
    await db
      .insertInto('article_views_minute')
      .values([bucket(ago(3 * HOUR)), bucket(ago(10 * MINUTE))])
      .execute();
    await db
      .insertInto('article_views_hour')
      .values([bucket(ago(45 * DAY)), bucket(ago(29 * DAY))])
      .execute();
    await db
      .insertInto('counted_events')
      .values([
        { event_key: '00000000-0000-4000-8000-000000000001', counted_at: ago(10 * DAY) },
        { event_key: '00000000-0000-4000-8000-000000000002', counted_at: ago(6 * DAY) },
      ])
      .execute();
    const version = (key: string, at: Date) => ({ list_key: key, generated_at: at, etag: '"x"', payload: JSON.stringify({}) });
    await db
      .insertInto('published_lists')
      .values([
        version('ranking:24h:all', ago(9 * DAY)),
        // Three versions within one minute two hours ago: only the last of them is kept.
        version('ranking:24h:all', ago(2 * HOUR + 40_000)),
        version('ranking:24h:all', ago(2 * HOUR + 30_000)),
        version('ranking:24h:all', ago(2 * HOUR + 20_000)),
        // Within the last hour every version is kept.
        version('ranking:24h:all', ago(10 * MINUTE + 20_000)),
        version('ranking:24h:all', ago(10 * MINUTE)),
      ])
      .execute();

    const removed = await pruneRankingData(db, SETTINGS, silent, NOW);

    expect(removed.thinnedVersions).toBe(2);
    expect([
      await count('article_views_minute'),
      await count('article_views_hour'),
      await count('counted_events'),
      await count('published_lists'),
    ]).toEqual([1, 1, 1, 3]);
    const kept = await db.selectFrom('published_lists').select('generated_at').orderBy('generated_at').execute();
    expect(kept.map((row) => row.generated_at.getTime())).toEqual([NOW - 2 * HOUR - 20_000, NOW - 10 * MINUTE - 20_000, NOW - 10 * MINUTE]);
    for (const [table, retentionMs] of Object.entries(retentionOf(SETTINGS)) as [TimePartitionedTable, number][]) {
      const { dropBeforeMs, cover } = partitionWindow(NOW, retentionMs);
      const partitions = await listTimePartitions(db, table);
      expect([table, partitions.every((p) => p.toMs > dropBeforeMs)]).toEqual([table, true]);
      // And every partition the table needs from here on is there.
      expect([table, Math.max(...partitions.map((p) => p.toMs)) >= cover.toMs]).toEqual([table, true]);
    }
  });

  it('a dedup horizon of minutes runs the same partitions: records inside it keep deduplicating, older ones go', async () => {
    const settings: RetentionSettings = { dedupRetentionMs: 10 * MINUTE, historyDays: 7 };
    // Start from no partitions, as a deployment that always ran with this setting would.
    await dropTimePartitionsBefore(db, 'counted_events', Number.POSITIVE_INFINITY);
    await coverBack('counted_events', 20 * MINUTE, settings);
    // Recorded under the epoch of their time, as a worker whose clock read that time would.
    const record = async (key: string, at: number) => {
      await setCountingEpoch(db, at);
      return db.transaction().execute((trx) => recordNewEvents(trx, [{ eventKey: key, articleId: article.id }]));
    };
    const early = '00000000-0000-4000-8000-0000000000e1';
    const late = '00000000-0000-4000-8000-0000000000e2';
    await record(early, NOW - 12 * MINUTE);
    await record(late, NOW - MINUTE);

    await pruneRankingData(db, settings, silent, NOW + 10 * MINUTE);

    const partitions = await listTimePartitions(db, 'counted_events');
    expect(new Set(partitions.map((p) => p.toMs - p.fromMs)).has(5 * MINUTE)).toBe(true);
    const keys = await db.selectFrom('counted_events').select('event_key').execute();
    expect(keys.map((row) => row.event_key)).toEqual([late]);
    // A retry of the late event, stamped later, is still known.
    expect((await record(late, NOW + 9 * MINUTE)).counted).toBe(0);
  });

  it('drops the hourly reader facts with the hour buckets, deletes older best ranks, and keeps the newer ones', async () => {
    const [old, kept] = [ago(45 * DAY), ago(29 * DAY)];
    for (const table of [
      'article_engagement_hour',
      'article_referrers_hour',
      'article_campaigns_hour',
      'site_traffic_hour',
      'site_engagement_hour',
    ] as const)
      await coverBack(table, 50 * DAY);
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

    const removed = await pruneRankingData(db, SETTINGS, silent, NOW);

    expect(removed.bestRanks).toBe(1);
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

  it('vacuums every table the worker rewrites rows of, partition by partition, when autovacuum is off', async () => {
    const vacuumCounts = async () => {
      const { rows } = await sql<{ table: string; vacuums: number }>`
        select coalesce(parent.relname, s.relname) as table, min(s.vacuum_count)::int as vacuums
        from pg_stat_user_tables s
        join pg_class c on c.oid = s.relid and c.relkind = 'r'
        left join pg_inherits i on i.inhrelid = s.relid
        left join pg_class parent on parent.oid = i.inhparent
        where coalesce(parent.relname, s.relname) = any(${[...CHURNED_RANKING_TABLES]}::text[])
        group by 1 order by 1
      `.execute(db);
      return rows;
    };
    const before = await vacuumCounts();

    await vacuumChurnedTables(db);

    const after = await vacuumCounts();
    expect(after.map((row) => row.table)).toEqual([...CHURNED_RANKING_TABLES].sort());
    // Every table, and every partition of each (min over them), was vacuumed once more.
    for (const row of after) {
      const was = before.find((b) => b.table === row.table)?.vacuums ?? 0;
      expect([row.table, row.vacuums]).toEqual([row.table, was + 1]);
    }
    // A pass vacuums exactly when the server's autovacuum does not.
    const pass = await pruneRankingData(db, SETTINGS, silent, NOW);
    expect(pass.vacuumed).toBe(!(await autovacuumIsOn(db)));
  });
});
