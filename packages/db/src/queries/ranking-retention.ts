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

/** The hourly reader facts: pruned by their hour like the view buckets. */
export type HourlyFactsTable =
  'article_engagement_hour' | 'article_referrers_hour' | 'article_campaigns_hour' | 'site_traffic_hour' | 'site_engagement_hour';

/**
 * Rows of an hourly facts table whose hour began before `before`. Picked by ctid (the tables'
 * keys differ) and in no particular order: every row below the cutoff goes, and the per-article
 * tables' BRIN index finds the old ranges without an ordered scan.
 */
export async function deleteHourlyFactsBefore(db: Db, table: HourlyFactsTable, before: Date, batch: number): Promise<number> {
  const result = await sql`
    delete from ${sql.table(table)} where ctid = any(array(
      select ctid from ${sql.table(table)} where bucket_start < ${before} limit ${batch}
    ))
  `.execute(db);
  return deleted(result);
}

/**
 * Best ranks reached before `before`. No stats window reaches back that far, so such a rank is no
 * window's best any more; whatever the article reaches later is recorded afresh. One row per
 * ranked article and window: a scan of the table is cheap.
 */
export async function deleteBestRanksBefore(db: Db, before: Date, batch: number): Promise<number> {
  const result = await sql`
    delete from article_best_ranks where (article_id, window_name) in (
      select article_id, window_name from article_best_ranks where reached_at < ${before} limit ${batch}
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
