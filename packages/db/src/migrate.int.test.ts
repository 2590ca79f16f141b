import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_URL, databaseUrl, runDatabasePrefix } from '../../../test/support/database-names.ts';
import { createDb } from './database.ts';
import { ensureDatabaseExists } from './ensure-database.ts';
import { migrateToLatest, migrationsAreCurrent } from './migrate.ts';
import { migrations } from './migrations/index.ts';

const name = `${runDatabasePrefix(inject('testRunId'))}${randomBytes(6).toString('hex')}`;
const url = databaseUrl(name);

afterAll(async () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('migrations', () => {
  it('a missing database is created, and several processes migrating at once apply each migration once', async () => {
    await Promise.all([ensureDatabaseExists(url), ensureDatabaseExists(url)]);
    const instances = Array.from({ length: 4 }, () => createDb({ url, poolSize: 2 }).db);
    try {
      expect(await migrationsAreCurrent(instances[0]!)).toBe(false);
      const applied = await Promise.all(instances.map((db) => migrateToLatest(db)));
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
      expect(await migrationsAreCurrent(instances[0]!)).toBe(true);
    } finally {
      await Promise.all(instances.map((db) => db.destroy()));
    }
  });
});
