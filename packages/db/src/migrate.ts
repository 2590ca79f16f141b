import { sql } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

// Any fixed number; all processes of one deployment share it.
const MIGRATION_LOCK_ID = 7_274_611_391;

const migrator = (db: Db) => new Migrator({ db, provider: { getMigrations: async () => migrations } });

/**
 * Brings the schema up to date. Several processes may start at once: a session advisory lock
 * makes them take turns, and whoever comes second finds nothing left to do.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(connection);
    try {
      const { error, results }: MigrationResultSet = await migrator(connection).migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
      return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(connection);
    }
  });
}

/** True when every migration the code knows has been applied: what /readyz checks. */
export async function migrationsAreCurrent(db: Db): Promise<boolean> {
  const applied = await migrator(db).getMigrations();
  return applied.every((migration) => migration.executedAt !== undefined);
}
