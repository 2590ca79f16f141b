import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema/index.ts';

/** Runs one read in a transaction that sees the shared snapshot; reads may be started at once. */
export type SnapshotRead = <R>(query: (reader: Kysely<Database>) => Promise<R>) => Promise<R>;

type Reader = ControlledTransaction<Database>;

const startReader = (db: Db) => db.startTransaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute();

/**
 * Runs `work` with reads that all see the database as of one moment, spread over up to `lanes`
 * connections. Reads made on separate connections each see what was committed when they began,
 * so lists computed side by side while writers commit can disagree (one window counting a batch
 * another does not). Here the first connection exports its snapshot and every further one
 * imports it (`SET TRANSACTION SNAPSHOT`), so the reads still run in parallel and agree.
 *
 * Lanes beyond the first open only while reads wait; a lane that cannot get a connection leaves
 * its reads to the others. `lanes` must stay within what the pool can spare: a lane still waiting
 * for a connection holds up the end of the work until the pool's connection timeout.
 */
export async function withSharedSnapshot<T>(db: Db, lanes: number, work: (read: SnapshotRead) => Promise<T>): Promise<T> {
  const lead = await startReader(db);
  const extra: Reader[] = [];
  const opening = new Set<Promise<void>>();
  try {
    const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(lead);
    const snapshot = rows[0]?.snapshot ?? '';
    const idle: Reader[] = [lead];
    const waiting: ((reader: Reader) => void)[] = [];

    const release = (reader: Reader) => {
      const next = waiting.shift();
      if (next) next(reader);
      else idle.push(reader);
    };
    const openLane = () => {
      const opened = (async () => {
        const reader = await startReader(db);
        try {
          await sql`set transaction snapshot ${sql.lit(snapshot)}`.execute(reader);
        } catch (error) {
          await reader.rollback().execute();
          throw error;
        }
        extra.push(reader);
        release(reader);
      })()
        .catch(() => {}) // the lanes already open take its reads
        .finally(() => opening.delete(opened));
      opening.add(opened);
    };
    const acquire = (): Promise<Reader> => {
      const reader = idle.pop();
      if (reader) return Promise.resolve(reader);
      if (1 + extra.length + opening.size < lanes) openLane();
      return new Promise((resolve) => waiting.push(resolve));
    };

    const read: SnapshotRead = async (query) => {
      const reader = await acquire();
      try {
        return await query(reader);
      } finally {
        release(reader);
      }
    };
    return await work(read);
  } finally {
    await Promise.all(opening);
    // Read only: committing and rolling back end them alike; a failed one must be rolled back.
    await Promise.allSettled([...extra, lead].map((reader) => reader.rollback().execute()));
  }
}
