export { createDb, type Db, type DatabaseOptions } from './database.ts';
export { migrateToLatest, migrationsAreCurrent } from './migrate.ts';
export { ensureDatabaseExists } from './ensure-database.ts';
export * from './schema/index.ts';
export { storeStories } from './queries/store-stories.ts';
export * from './queries/ingest-jobs.ts';
export * from './queries/articles.ts';
export { sql, type Transaction } from 'kysely';
