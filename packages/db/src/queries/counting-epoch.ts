import { sql, type Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema/index.ts';

/**
 * The counting epoch: the time every batch writes its dedup records under (counted_events is
 * partitioned by it), one row for the whole deployment. A batch holds this lock shared to its
 * commit; moving the epoch on takes it exclusive, so it waits for every batch still writing
 * under the old epoch to commit, and each batch after it sees all their records. Any fixed
 * number; every ranking worker of a deployment shares it.
 */
export const COUNTING_EPOCH_LOCK = 7_274_613;

async function storedEpochMs(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('counted_events_epoch').select('epoch').executeTakeFirstOrThrow();
  return row.epoch.getTime();
}

/**
 * Moves the epoch on to `epochMs` unless it is there or beyond already (another replica, whose
 * clock may run a little ahead, moved it), and returns the epoch now stored. The unlocked read
 * first keeps every replica but the first from stalling the batches for an epoch already begun.
 */
export async function advanceCountingEpoch(db: Db, epochMs: number): Promise<number> {
  const stored = await storedEpochMs(db);
  if (stored >= epochMs) return stored;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${COUNTING_EPOCH_LOCK})`.execute(trx);
    await trx
      .updateTable('counted_events_epoch')
      .set({ epoch: new Date(epochMs) })
      .where('epoch', '<', new Date(epochMs))
      .execute();
    return storedEpochMs(trx);
  });
}
