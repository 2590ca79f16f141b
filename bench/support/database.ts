import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, migrateToLatest, type Db } from '@newsrank/db';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  db: Db;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A migrated database of the benchmark's own (`newsrank_bench_*`), dropped when it is done. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `newsrank_bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = databaseUrl(name);
  const { db, pool } = createDb({ url, poolSize: 8, applicationName: 'newsrank-bench' });
  await migrateToLatest(db);
  return {
    name,
    url,
    db,
    pool,
    async drop() {
      await db.destroy();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
