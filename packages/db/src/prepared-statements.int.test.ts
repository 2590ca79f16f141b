import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { createDb, type Db } from './database.ts';
import { preparedStatement, preparedStatementName } from './prepared-statements.ts';

let database: TestDatabase;
// One connection: what one statement left on it is what the next one sees.
let one: { db: Db; pool: import('pg').Pool };

const SQUARE = preparedStatement('select $1::int * $1::int as n');

async function preparedOnConnection(): Promise<{ name: string; statement: string }[]> {
  const { rows } = await one.pool.query<{ name: string; statement: string }>(
    'select name, statement from pg_prepared_statements order by name',
  );
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  one = createDb({ url: database.url, poolSize: 1 });
});
afterAll(async () => {
  await one?.db.destroy();
  await database?.drop();
});

describe('prepared statements', () => {
  it('a marked text is named after itself, and different texts never share a name', () => {
    const name = preparedStatementName(SQUARE);
    expect(name).toMatch(/^nr_[0-9a-f]{20}$/);
    expect(preparedStatementName(preparedStatement(SQUARE))).toBe(name);
    expect(preparedStatementName(preparedStatement(`${SQUARE} `))).not.toBe(name);
    expect(preparedStatementName('select 1')).toBeUndefined();
  });

  it('a marked text is prepared once on a connection and run by name with each call’s values', async () => {
    const run = (n: number) => one.db.executeQuery<{ n: number }>(CompiledQuery.raw(SQUARE, [n]));
    expect((await run(3)).rows).toEqual([{ n: 9 }]);
    expect((await run(12)).rows).toEqual([{ n: 144 }]);
    const prepared = await preparedOnConnection();
    expect(prepared).toEqual([{ name: preparedStatementName(SQUARE), statement: SQUARE }]);
  });

  it('an unmarked text, a query config and a callback go through as before, unnamed', async () => {
    expect((await one.db.executeQuery<{ n: number }>(CompiledQuery.raw('select $1::int + 1 as n', [41]))).rows).toEqual([{ n: 42 }]);
    expect((await one.pool.query<{ n: number }>({ text: 'select $1::int - 1 as n', values: [43] })).rows).toEqual([{ n: 42 }]);
    const client = await one.pool.connect();
    try {
      const viaCallback = await new Promise<number>((resolve, reject) =>
        client.query<{ n: number }>('select 6 * 7 as n', (error, result) => (error ? reject(error) : resolve(result.rows[0]!.n))),
      );
      expect(viaCallback).toBe(42);
    } finally {
      client.release();
    }
    // Still only the marked statement: nothing else was prepared by name.
    expect((await preparedOnConnection()).map((row) => row.name)).toEqual([preparedStatementName(SQUARE)]);
  });

  it('a call the server refuses leaves the statement usable for the next one', async () => {
    // A fresh connection: the refused call is the one that prepares the statement.
    const fresh = createDb({ url: database.url, poolSize: 1 });
    try {
      await expect(fresh.db.executeQuery(CompiledQuery.raw(SQUARE, ['not a number']))).rejects.toThrow(/integer/);
      const { rows } = await fresh.db.executeQuery<{ n: number }>(CompiledQuery.raw(SQUARE, [5]));
      expect(rows).toEqual([{ n: 25 }]);
    } finally {
      await fresh.db.destroy();
    }
  });
});
