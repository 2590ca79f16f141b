import { sql } from 'kysely';
import type { Db } from '../database.ts';

// The time-keyed tables lose whole partitions (partitions/time-partitions.ts); what is left to
// delete row by row goes in calls of at most `batch` rows, so a pass never holds long locks.

const deleted = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

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
