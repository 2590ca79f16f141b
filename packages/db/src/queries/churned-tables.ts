import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { TIME_PARTITIONED_TABLES } from '../partitions/time-partitions.ts';

/**
 * The tables whose rows the ranking worker rewrites on every batch or tick: running totals,
 * accumulators, the current minute's and hour's buckets and facts, best ranks, and the thinned
 * list history. Each update leaves a dead row version behind (the updated columns are indexed,
 * so none is a HOT update), which only VACUUM makes room for again.
 */
export const CHURNED_RANKING_TABLES: readonly string[] = [
  // Every time-keyed table but the dedup records, which are only ever inserted.
  ...Object.keys(TIME_PARTITIONED_TABLES).filter((table) => table !== 'counted_events'),
  'article_window_views',
  'article_popularity',
  'article_best_ranks',
  'window_horizons',
  'popularity_landmark',
];

/** Whether the server's autovacuum runs (it can be turned off in postgresql.conf, and reloaded). */
export async function autovacuumIsOn(db: Db): Promise<boolean> {
  const { rows } = await sql<{ on: boolean }>`select current_setting('autovacuum') = 'on' as on`.execute(db);
  return rows[0]?.on === true;
}

/**
 * VACUUMs the churned tables (a partitioned one partition by partition; pages all of whose rows
 * are visible to everyone are skipped, so the older partitions cost little). SKIP_LOCKED: a
 * table locked by a partition being created or dropped is left to the next pass. VACUUM cannot
 * run in a transaction block, hence one connection in autocommit.
 */
export async function vacuumChurnedTables(db: Db): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`vacuum (skip_locked) ${sql.join(CHURNED_RANKING_TABLES.map((table) => sql.table(table)))}`.execute(connection);
  });
}
