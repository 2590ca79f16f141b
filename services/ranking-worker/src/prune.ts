import {
  autovacuumIsOn,
  deleteBestRanksBefore,
  dropTimePartitionsBefore,
  ensureTimePartitions,
  partitionWindow,
  thinPublishedLists,
  type Db,
  type ReplacedPartition,
  type TimePartitionedTable,
  vacuumChurnedTables,
} from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import { longestWindowMs } from '@newsrank/ranking';
import { retentionOf, type RetentionSettings } from './retention.ts';

export type { RetentionSettings } from './retention.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BATCH_ROWS = 10_000;
/** Batches per kind per run: a backlog is worked off over several runs instead of one long one. */
const MAX_BATCHES = 50;

async function inBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < BATCH_ROWS) break;
  }
  return total;
}

const tablesOf = (retention: Record<TimePartitionedTable, number>) => Object.entries(retention) as [TimePartitionedTable, number][];

/**
 * Makes sure every time-keyed table has its partitions from its retention back to a little
 * ahead of now (partitionWindow), and recuts the empty ones of another span from now on (a
 * changed retention, or the migration's default spans). Run at start and by every pruning pass;
 * any number of replicas may run it at once. Returns the partitions created, and those
 * replaced with the partitions that took their place, by table.
 */
export async function ensurePartitions(db: Db, settings: RetentionSettings, nowMs = Date.now()) {
  const created: Partial<Record<TimePartitionedTable, string[]>> = {};
  const replaced: Partial<Record<TimePartitionedTable, ReplacedPartition[]>> = {};
  for (const [table, retentionMs] of tablesOf(retentionOf(settings))) {
    const { cover, spanMs } = partitionWindow(nowMs, retentionMs);
    const ensured = await ensureTimePartitions(db, table, cover, spanMs, nowMs);
    if (ensured.created.length > 0) created[table] = ensured.created;
    if (ensured.replaced.length > 0) replaced[table] = ensured.replaced;
  }
  return { created, replaced };
}

/**
 * One retention pass: partitions ahead are made and empty ones of another span recut
 * (ensurePartitions), partitions past their table's retention are detached and dropped whole
 * (dropTimePartitionsBefore); best ranks (one row per article and window, not time-keyed) are
 * deleted in bounded batches, and published history older than an hour is thinned to the last
 * version of each minute. When the server's autovacuum is off, the tables this worker rewrites
 * rows of are vacuumed too: without it their dead row versions pile up for good (a soak with
 * 100 articles grew one 400-row table of running totals to 514 MiB in 27 minutes).
 */
export async function pruneRankingData(db: Db, settings: RetentionSettings, logger: Logger, nowMs = Date.now()) {
  const { created, replaced } = await ensurePartitions(db, settings, nowMs);
  const droppedPartitions: Partial<Record<TimePartitionedTable, string[]>> = {};
  for (const [table, retentionMs] of tablesOf(retentionOf(settings))) {
    const dropped = await dropTimePartitionsBefore(db, table, partitionWindow(nowMs, retentionMs).dropBeforeMs);
    if (dropped === null) logger.info({ table }, 'another worker is dropping partitions of this table');
    else if (dropped.length > 0) droppedPartitions[table] = dropped;
  }
  const removed = {
    bestRanks: await inBatches(() => deleteBestRanksBefore(db, new Date(nowMs - longestWindowMs - DAY_MS), BATCH_ROWS)),
    thinnedVersions: await inBatches(() => thinPublishedLists(db, new Date(nowMs - HOUR_MS), BATCH_ROWS)),
  };
  const vacuumed = !(await autovacuumIsOn(db));
  if (vacuumed) await vacuumChurnedTables(db);
  logger.info({ created, replaced, droppedPartitions, removed, vacuumed }, 'ranking data pruned');
  return { created, replaced, droppedPartitions, ...removed, vacuumed };
}
