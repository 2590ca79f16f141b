import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared-statements.ts';
import type { Database } from './schema/index.ts';

// int8 (counts, sums) as numbers: view counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// numeric (forward-decay accumulators) as numbers too: they are stored as double precision anyway.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Connection attempts fail after this long instead of hanging a request. */
  connectTimeoutMs?: number;
  applicationName?: string;
}

export function createDb(options: DatabaseOptions): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    application_name: options.applicationName ?? 'newsrank',
    // Sends the statements marked by preparedStatement() by name; every other one as before.
    Client: PreparingClient,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  // Nor may a checked-out one: pg emits 'error' on the client itself, which with no listener
  // throws. The query in flight fails with the same error, and the pool drops the broken client.
  pool.on('connect', (client) => client.on('error', () => {}));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
