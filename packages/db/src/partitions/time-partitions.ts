import { sql, type Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema/index.ts';
import { partitionName, partitionsToCreate, partitionsToDrop, type TimeRange } from './partition-plan.ts';

/** The tables partitioned by range of a time column, and that column. */
export const TIME_PARTITIONED_TABLES = {
  counted_events: 'counted_at',
  article_views_minute: 'bucket_start',
  article_views_hour: 'bucket_start',
  article_engagement_hour: 'bucket_start',
  article_referrers_hour: 'bucket_start',
  article_campaigns_hour: 'bucket_start',
  site_traffic_hour: 'bucket_start',
  site_engagement_hour: 'bucket_start',
  published_lists: 'generated_at',
} as const;
export type TimePartitionedTable = keyof typeof TIME_PARTITIONED_TABLES;

export interface TimePartition extends TimeRange {
  name: string;
  /** Left half-detached by an interrupted DETACH … CONCURRENTLY. */
  detachPending: boolean;
}

// Advisory lock keys (two-int form): the first is fixed for this purpose, the second names the table.
const CREATE_LOCK = 7_274_611;
const DROP_LOCK = 7_274_612;
/** Each new partition holds a few locks to the commit; the lock table has room for some hundreds per transaction. */
const PARTITIONS_PER_TRANSACTION = 20;

/**
 * A table's partitions and their bounds. The bound is printed and parsed back by the same
 * session, so its time zone and date style do not matter.
 */
export async function listTimePartitions(db: Kysely<Database>, table: TimePartitionedTable): Promise<TimePartition[]> {
  const { rows } = await sql<{ name: string; from_ms: number; to_ms: number; detach_pending: boolean }>`
    select c.relname as name, i.inhdetachpending as detach_pending,
           extract(epoch from b.bounds[1]::timestamptz)::float8 * 1000 as from_ms,
           extract(epoch from b.bounds[2]::timestamptz)::float8 * 1000 as to_ms
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    cross join lateral (
      select regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)') as bounds
    ) b
    where i.inhparent = ${table}::regclass
    order by from_ms
  `.execute(db);
  return rows.map((row) => ({ name: row.name, fromMs: row.from_ms, toMs: row.to_ms, detachPending: row.detach_pending }));
}

/**
 * Creates the partitions `table` lacks to cover `want`, cut at `spanMs`. Any number of processes
 * may call this at once: a transaction-scoped advisory lock per table makes them take turns, and
 * each reads the partitions only once it holds the lock, so the second finds nothing to do.
 * Each partition is created on its own and then attached, which takes a lock on the parent that
 * lets reads and writes go on (creating it as PARTITION OF would block them meanwhile); a long
 * gap is filled over several transactions. Returns the names created.
 */
export async function ensureTimePartitions(db: Db, table: TimePartitionedTable, want: TimeRange, spanMs: number): Promise<string[]> {
  const created: string[] = [];
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${CREATE_LOCK}, hashtext(${table}))`.execute(trx);
      const missing = partitionsToCreate(await listTimePartitions(trx, table), want, spanMs).slice(0, PARTITIONS_PER_TRANSACTION);
      for (const range of missing) {
        const name = partitionName(table, range.fromMs);
        await sql`create table ${sql.table(name)} (like ${sql.table(table)} including defaults)`.execute(trx);
        await sql`
          alter table ${sql.table(table)} attach partition ${sql.table(name)}
          for values from (${sql.lit(new Date(range.fromMs).toISOString())}) to (${sql.lit(new Date(range.toMs).toISOString())})
        `.execute(trx);
      }
      return missing.map((range) => partitionName(table, range.fromMs));
    });
    created.push(...batch);
    if (batch.length < PARTITIONS_PER_TRANSACTION) return created;
  }
}

/**
 * Detaches and drops every partition of `table` that ends at or before `beforeMs`: O(1) per
 * partition whatever it holds, and no dead rows left for vacuum. DETACH … CONCURRENTLY takes
 * only a lock that lets reads and writes of the table go on (it waits for the queries that may
 * still see the partition instead); it cannot run in a transaction block, hence one connection
 * in autocommit, and it is refused when a DEFAULT partition exists, which is why these tables
 * have none. One process drops at a time (a session advisory lock; the others skip: the pass
 * that holds it does the same work). A detach interrupted half way is finished first.
 * Returns the names dropped, or null when another process was dropping.
 */
export async function dropTimePartitionsBefore(db: Db, table: TimePartitionedTable, beforeMs: number): Promise<string[] | null> {
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${DROP_LOCK}, hashtext(${table})) as locked`.execute(
      connection,
    );
    if (!rows[0]?.locked) return null;
    try {
      const partitions = await listTimePartitions(connection, table);
      const dropped: string[] = [];
      for (const partition of partitions.filter((p) => p.detachPending)) {
        // Only expired partitions are ever detached: finish the job and drop it.
        await sql`alter table ${sql.table(table)} detach partition ${sql.table(partition.name)} finalize`.execute(connection);
        await sql`drop table ${sql.table(partition.name)}`.execute(connection);
        dropped.push(partition.name);
      }
      for (const partition of partitionsToDrop(
        partitions.filter((p) => !p.detachPending),
        beforeMs,
      )) {
        await sql`alter table ${sql.table(table)} detach partition ${sql.table(partition.name)} concurrently`.execute(connection);
        await sql`drop table ${sql.table(partition.name)}`.execute(connection);
        dropped.push(partition.name);
      }
      return dropped;
    } finally {
      await sql`select pg_advisory_unlock(${DROP_LOCK}, hashtext(${table}))`.execute(connection);
    }
  });
}

/** True for the error of a write whose time no partition covers (maintenance fell behind). */
export function isMissingPartitionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '23514' && typeof e.message === 'string' && e.message.startsWith('no partition of relation');
}
