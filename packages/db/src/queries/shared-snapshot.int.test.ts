import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { createDb, type Db } from '../database.ts';
import type { Database } from '../schema/index.ts';
import { withSharedSnapshot } from './shared-snapshot.ts';

let database: TestDatabase;
let db: Db;
let pool: pg.Pool;

/** The probe's row count and the connection that read it, holding the connection a moment so reads overlap. */
const probe = async (reader: Kysely<Database>) => {
  const { rows } = await sql<{ n: number; pid: number }>`
    select (select count(*) from snapshot_probe)::int as n, pg_backend_pid() as pid from pg_sleep(0.05)
  `.execute(reader);
  return rows[0] as { n: number; pid: number };
};
const addProbeRow = () => sql`insert into snapshot_probe default values`.execute(db);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ db, pool } = createDb({ url: database.url, poolSize: 6 }));
  await sql`create table snapshot_probe (id serial primary key)`.execute(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('reads sharing one snapshot', () => {
  it('reads on several connections all see the database as it was when the snapshot was taken', async () => {
    await addProbeRow();
    const seen = await withSharedSnapshot(db, 3, async (read) => {
      const first = await read(probe);
      await addProbeRow(); // committed after the snapshot: none of the reads may see it
      const rest = await Promise.all([read(probe), read(probe), read(probe), read(probe)]);
      return [first, ...rest];
    });
    expect(seen.map((s) => s.n)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(seen.map((s) => s.pid)).size).toBeGreaterThan(1);
    expect(new Set(seen.map((s) => s.pid)).size).toBeLessThanOrEqual(3);
    // Outside the snapshot, the second row is there.
    expect((await probe(db)).n).toBe(2);
  });

  it('with one lane, every read runs on the one connection', async () => {
    const seen = await withSharedSnapshot(db, 1, (read) => Promise.all([read(probe), read(probe), read(probe)]));
    expect(new Set(seen.map((s) => s.pid)).size).toBe(1);
  });

  it('a failed read fails the work and gives every connection back to the pool', async () => {
    await expect(
      withSharedSnapshot(db, 3, (read) => Promise.all([read(probe), read((reader) => sql`select 1 / 0`.execute(reader))])),
    ).rejects.toThrow(/division by zero/);
    await expect.poll(() => pool.idleCount === pool.totalCount).toBe(true);
    expect((await probe(db)).n).toBe(2);
  });

  it('the snapshot is read only', async () => {
    await expect(
      withSharedSnapshot(db, 2, (read) => read((reader) => sql`insert into snapshot_probe default values`.execute(reader))),
    ).rejects.toThrow(/read-only/);
    expect((await probe(db)).n).toBe(2);
  });
});
