export { createDb, type Db, type DatabaseOptions } from './database.ts';
export { migrateToLatest, migrationsAreCurrent } from './migrate.ts';
export { ensureDatabaseExists } from './ensure-database.ts';
export * from './schema/index.ts';
export { storeStories } from './queries/store-stories.ts';
export * from './queries/ingest-jobs.ts';
export * from './queries/articles.ts';
export * from './queries/article-references.ts';
export * from './queries/view-counts.ts';
export * from './queries/popularity-landmark.ts';
export * from './queries/ranking-lists.ts';
export * from './queries/window-totals.ts';
export * from './queries/published-lists.ts';
export * from './queries/ranking-retention.ts';

export * from './queries/sources.ts';
export * from './queries/reader-facts.ts';
export { presentAccepted, presentArticle, presentIngestJob } from './present.ts';
export { sql, type Transaction } from 'kysely';
