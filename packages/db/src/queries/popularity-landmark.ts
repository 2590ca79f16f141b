import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema/index.ts';

// Batches hold it shared, a rebase exclusively: no batch is ever weighed against a T0 being replaced.
const LANDMARK_LOCK_ID = 7_274_611_392;

export interface Landmark {
  t0Ms: number;
  /** The half-life the accumulators were built with; null before any worker started. */
  halfLifeMs: number | null;
}

async function readLandmark(db: Kysely<Database>): Promise<Landmark> {
  const row = await db.selectFrom('popularity_landmark').select(['t0', 'half_life_ms']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { t0Ms: row.t0.getTime(), halfLifeMs: row.half_life_ms === null ? null : Number(row.half_life_ms) };
}

/** For a batch of views: waits out a running rebase, then reads the T0 to weigh the batch against. */
export async function lockLandmarkShared(trx: Transaction<Database>): Promise<Landmark> {
  await sql`select pg_advisory_xact_lock_shared(${LANDMARK_LOCK_ID})`.execute(trx);
  return readLandmark(trx);
}

/** For a rebase: waits for running batches to commit and keeps new ones out until this one does. */
export async function lockLandmarkExclusive(trx: Transaction<Database>): Promise<Landmark> {
  await sql`select pg_advisory_xact_lock(${LANDMARK_LOCK_ID})`.execute(trx);
  return readLandmark(trx);
}

/** The current landmark, for readers that only need a consistent snapshot (the publisher). */
export async function currentLandmark(db: Kysely<Database>): Promise<Landmark> {
  return readLandmark(db);
}

/** Moves T0, multiplying every accumulator by `factor` = 2^−(newT0 − oldT0)/H so no score changes. */
export async function rebasePopularity(trx: Transaction<Database>, newT0Ms: number, factor: number, halfLifeMs: number): Promise<void> {
  await sql`update article_popularity set accumulator = accumulator * ${factor}::float8`.execute(trx);
  await trx
    .updateTable('popularity_landmark')
    .set({ t0: new Date(newT0Ms), half_life_ms: halfLifeMs })
    .where('id', '=', 1)
    .execute();
}

/**
 * After POPULARITY_HALF_LIFE changed, accumulators built with the old one mean nothing: rebuild
 * them from the hour buckets (each hour's views weighed at its midpoint) against a new T0.
 */
export async function rebuildPopularity(trx: Transaction<Database>, t0Ms: number, halfLifeMs: number): Promise<void> {
  await sql`
    update article_popularity p set accumulator = coalesce((
      select sum(h.views * power(2::float8, (extract(epoch from h.bucket_start) * 1000 + 1800000 - ${t0Ms}::float8) / ${halfLifeMs}::float8))
      from article_views_hour h where h.article_id = p.article_id
    ), 0)
  `.execute(trx);
  await trx
    .updateTable('popularity_landmark')
    .set({ t0: new Date(t0Ms), half_life_ms: halfLifeMs })
    .where('id', '=', 1)
    .execute();
}
