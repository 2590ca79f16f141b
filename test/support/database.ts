import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@newsrank/db';
import pg from 'pg';
import { inject } from 'vitest';
import { ADMIN_URL, databaseUrl, runDatabasePrefix, templateDatabase } from './database-names.ts';

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated database of the test file's own, cloned from the template global setup built. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = inject('testRunId');
  const name = `${runDatabasePrefix(runId)}${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name} template ${templateDatabase(runId)}`));
  const url = databaseUrl(name);
  const { db } = createDb({ url, poolSize: 10 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.destroy();
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
