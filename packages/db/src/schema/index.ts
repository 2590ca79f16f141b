import type { ArticleKeysTable, ArticlesTable } from './articles.ts';
import type { IngestJobChunksTable, IngestJobsTable } from './ingest-jobs.ts';

export interface Database {
  articles: ArticlesTable;
  article_keys: ArticleKeysTable;
  ingest_jobs: IngestJobsTable;
  ingest_job_chunks: IngestJobChunksTable;
}

export type * from './articles.ts';
export type * from './ingest-jobs.ts';
export { INGEST_JOB_STATUSES } from './ingest-jobs.ts';
