import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@newsrank/db';
import pg from 'pg';
import { inject } from 'vitest';
import { ADMIN_URL, databaseUrl, runDatabasePrefix } from './database-names.ts';

/**
 * The name and URL of a database that does not exist yet, for tests of what processes do on a
 * first start (create it, migrate it). Named like every database of this test run, so global
 * setup recognises it and sweeps it up should the run die before dropping it.
 */
export interface FreshDatabase {
  url: string;
  /** Opens it once the processes have created it. */
  open(): Db;
  drop(): Promise<void>;
}

export function freshDatabase(): FreshDatabase {
  const name = `${runDatabasePrefix(inject('testRunId'))}fresh_${randomBytes(6).toString('hex')}`;
  const url = databaseUrl(name);
  let db: Db | undefined;
  return {
    url,
    open() {
      db ??= createDb({ url, poolSize: 5 }).db;
      return db;
    },
    async drop() {
      await db?.destroy();
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
