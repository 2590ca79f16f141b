import { createDb, migrateToLatest } from '@newsrank/db';
import pg from 'pg';
import { ADMIN_URL, TEMPLATE_DATABASE, databaseUrl } from './database-names.ts';

/**
 * Builds one migrated template database per run; every test file then clones its own copy in
 * milliseconds (CREATE DATABASE … TEMPLATE) instead of migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'newsrank_t_%'`);
    for (const { datname } of stale.rows) await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const { db } = createDb({ url: databaseUrl(TEMPLATE_DATABASE), poolSize: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
