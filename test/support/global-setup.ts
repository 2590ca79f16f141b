import { createDb, migrateToLatest } from '@newsrank/db';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ADMIN_URL, databaseUrl, runDatabasePrefix, templateDatabase } from './database-names.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabases(client: pg.Client, keep: (runId: number) => boolean): Promise<void> {
  const found = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'newsrank\\_t\\_%'`);
  for (const { datname } of found.rows) {
    const runId = Number(/^newsrank_t_(\d+)_/.exec(datname)?.[1] ?? Number.NaN);
    if (Number.isNaN(runId) || !keep(runId)) await client.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
  }
}

/**
 * Builds one migrated template database per run; every test file then clones its own copy in
 * milliseconds (CREATE DATABASE … TEMPLATE) instead of migrating again. Databases of runs that
 * ended without cleaning up are dropped; those of runs still going are left alone.
 */
export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const runId = process.pid;
  project.provide('testRunId', runId);
  const template = templateDatabase(runId);
  await withAdmin(async (client) => {
    await dropDatabases(client, (other) => other !== runId && isAlive(other));
    await client.query(`create database ${pg.escapeIdentifier(template)}`);
  });
  const { db } = createDb({ url: databaseUrl(template), poolSize: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return async () => {
    await withAdmin((client) => dropDatabases(client, (other) => other !== runId));
  };
}
