import { sql } from 'kysely';
import type { Db } from '../database.ts';

// Each call deletes at most `batch` rows, so one pruning pass never holds long locks or bloats WAL.

const deleted = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

export async function deleteViewBucketsBefore(
  db: Db,
  table: 'article_views_minute' | 'article_views_hour',
  before: Date,
  batch: number,
): Promise<number> {
  const result = await sql`
    delete from ${sql.table(table)} where (bucket_start, article_id) in (
      select bucket_start, article_id from ${sql.table(table)} where bucket_start < ${before} order by bucket_start limit ${batch}
    )
  `.execute(db);
  return deleted(result);
}

/** Dedup records counted before `before`; the API refuses events that old, so none can recur. */
export async function deleteCountedEventsBefore(db: Db, before: Date, batch: number): Promise<number> {
  const result = await sql`
    delete from counted_events where event_key in (
      select event_key from counted_events where counted_at < ${before} order by counted_at limit ${batch}
    )
  `.execute(db);
  return deleted(result);
}

export async function deletePublishedListsBefore(db: Db, before: Date, batch: number): Promise<number> {
  const result = await sql`
    delete from published_lists where (list_key, generated_at) in (
      select list_key, generated_at from published_lists where generated_at < ${before} order by generated_at limit ${batch}
    )
  `.execute(db);
  return deleted(result);
}

/**
 * History older than `before` keeps, per list, only the last version of each minute: the one
 * shown at the minute's end. `?at=` then answers with the list as shown at `at` or at the start
 * of its minute, and a week of history costs one row per list per minute instead of per second.
 */
export async function thinPublishedLists(db: Db, before: Date, batch: number): Promise<number> {
  const result = await sql`
    delete from published_lists where (list_key, generated_at) in (
      select list_key, generated_at from (
        select list_key, generated_at, lead(generated_at) over (partition by list_key order by generated_at) as next_at
        from published_lists where generated_at < ${before}
      ) versions
      where next_at is not null and date_trunc('minute', next_at) = date_trunc('minute', generated_at)
      limit ${batch}
    )
  `.execute(db);
  return deleted(result);
}
