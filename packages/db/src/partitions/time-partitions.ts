import { sql, type Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema/index.ts';
import { partitionName, partitionsToCreate, partitionsToDrop, partitionsToReshape, type TimeRange } from './partition-plan.ts';

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
 * How long a reshape waits for its exclusive lock on the table. Reads and writes that come
 * meanwhile queue behind the waiting lock, so this is what a busy table can lose to it; past it
 * the reshape is left to the next pass.
 */
const RESHAPE_LOCK_TIMEOUT = '200ms';

export interface ReplacedPartition {
  name: string;
  /** The partitions created in its place, in order. */
  by: string[];
}

export interface EnsuredPartitions {
  created: string[];
  replaced: ReplacedPartition[];
}

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

/** Created on its own and then attached: ATTACH takes a lock on the parent that lets reads and writes go on. */
async function createPartition(db: Kysely<Database>, table: TimePartitionedTable, range: TimeRange): Promise<string> {
  const name = partitionName(table, range.fromMs);
  await sql`create table ${sql.table(name)} (like ${sql.table(table)} including defaults)`.execute(db);
  await sql`
    alter table ${sql.table(table)} attach partition ${sql.table(name)}
    for values from (${sql.lit(new Date(range.fromMs).toISOString())}) to (${sql.lit(new Date(range.toMs).toISOString())})
  `.execute(db);
  return name;
}

const takeCreateLock = (db: Kysely<Database>, table: TimePartitionedTable) =>
  sql`select pg_advisory_xact_lock(${CREATE_LOCK}, hashtext(${table}))`.execute(db);

const isLockTimeout = (error: unknown) => (error as { code?: unknown } | null)?.code === '55P03';

/**
 * Makes `table`'s partitions cover `want`, cut at `spanMs`, and recuts the empty ones of another
 * span from now's partition on. Any number of processes may call this at once: a
 * transaction-scoped advisory lock per table makes them take turns, and each reads the
 * partitions only once it holds it, so the second finds nothing to do.
 *
 * Missing partitions are each created on its own and then attached, which takes a lock on the
 * parent that lets reads and writes go on (creating it as PARTITION OF would block them
 * meanwhile); a long gap is filled over several transactions.
 *
 * A partition of another span (partitionsToReshape; the migration cut every table at its default
 * span) would stay until it ages out, holding up to that whole span beyond the retention. An
 * empty one is detached, dropped and replaced by partitions on the grid in one transaction, so
 * a write finds either the old partition or the new ones. The DETACH cannot be the concurrent
 * one (not in a transaction): it locks the parent against every read and write to the commit.
 * So that lock is waited for at most RESHAPE_LOCK_TIMEOUT (else the rest is left to the next
 * call) and held only while a few empty tables are made. A partition holding rows is left to
 * age out; it is looked at before that lock is asked for, so it costs none.
 * Returns the partitions created to fill gaps, and those replaced.
 */
export async function ensureTimePartitions(
  db: Db,
  table: TimePartitionedTable,
  want: TimeRange,
  spanMs: number,
  nowMs = Date.now(),
): Promise<EnsuredPartitions> {
  const created: string[] = [];
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      await takeCreateLock(trx, table);
      const missing = partitionsToCreate(await listTimePartitions(trx, table), want, spanMs).slice(0, PARTITIONS_PER_TRANSACTION);
      const names: string[] = [];
      for (const range of missing) names.push(await createPartition(trx, table, range));
      return names;
    });
    created.push(...batch);
    if (batch.length < PARTITIONS_PER_TRANSACTION) break;
  }

  const replaced: ReplacedPartition[] = [];
  const holdingRows = new Set<string>();
  for (;;) {
    let outcome: ReplacedPartition | 'holds rows' | 'done';
    try {
      outcome = await db.transaction().execute(async (trx) => {
        await takeCreateLock(trx, table);
        const partitions = (await listTimePartitions(trx, table)).filter((p) => !p.detachPending && !holdingRows.has(p.name));
        const next = partitionsToReshape(partitions, want, spanMs, nowMs, PARTITIONS_PER_TRANSACTION)[0];
        if (!next) return 'done';
        const { partition, into } = next;
        const holdsRows = async () => (await sql`select 1 from ${sql.table(partition.name)} limit 1`.execute(trx)).rows.length > 0;
        if (await holdsRows()) {
          holdingRows.add(partition.name);
          return 'holds rows';
        }
        await sql`select set_config('lock_timeout', ${RESHAPE_LOCK_TIMEOUT}, true)`.execute(trx);
        // Every write to the table holds a lock on it to its commit: once this is had, a write
        // that went to the partition has committed, and no other can come until this commits.
        await sql`lock table ${sql.table(table)} in access exclusive mode`.execute(trx);
        if (await holdsRows()) {
          holdingRows.add(partition.name);
          return 'holds rows';
        }
        await sql`alter table ${sql.table(table)} detach partition ${sql.table(partition.name)}`.execute(trx);
        await sql`drop table ${sql.table(partition.name)}`.execute(trx);
        const by: string[] = [];
        for (const range of into) by.push(await createPartition(trx, table, range));
        return { name: partition.name, by };
      });
    } catch (error) {
      if (isLockTimeout(error)) break;
      throw error;
    }
    if (outcome === 'done') break;
    if (outcome === 'holds rows') continue;
    // The rest of a long partition, cut by this call: reported as part of that partition.
    const { name, by } = outcome;
    const earlier = replaced.find((r) => r.by.includes(name));
    if (earlier) earlier.by.splice(earlier.by.indexOf(name), 1, ...by);
    else replaced.push(outcome);
  }
  return { created, replaced };
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
