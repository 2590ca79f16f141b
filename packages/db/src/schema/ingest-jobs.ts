import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export const INGEST_JOB_STATUSES = ['queued', 'active', 'completed', 'failed'] as const;
export type IngestJobStatus = (typeof INGEST_JOB_STATUSES)[number];

export interface ArticleOutcome {
  id: string;
  guid: string | null;
  url: string | null;
  outcome: 'inserted' | 'updated' | 'duplicate';
}

/** An article of the report: its outcome, where the item sat in the document, and what was noticed reading it. */
export interface ReportedArticle extends ArticleOutcome {
  /** Absent in reports written before items carried their position and warnings. */
  index?: number;
  warnings?: string[];
}

export interface IngestReport {
  inserted: number;
  updated: number;
  duplicates: number;
  articles: ReportedArticle[];
  rejected: { index: number; reason: string }[];
  warnings: string[];
}

/** The record of a posted document: PostgreSQL, not Redis, is what makes an accepted feed durable. */
export interface IngestJobsTable {
  id: string;
  source: string;
  kind: 'feed' | 'articles';
  content_type: string | null;
  format: string | null;
  /** The posted bytes, kept until the job completes so a lost queue entry can be re-queued. */
  body: Buffer | null;
  /** How body is stored: 'gzip', or null for the bytes as posted (rows written before compression). */
  body_encoding: 'gzip' | null;
  status: IngestJobStatus;
  received_at: GeneratedTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  attempts: Generated<number>;
  result: JSONColumnType<IngestReport> | null;
  error: string | null;
}

/** Outcomes of one committed slice of a job, written in the slice's own transaction. */
export interface IngestJobChunksTable {
  job_id: string;
  chunk_index: number;
  outcomes: JSONColumnType<ArticleOutcome[]>;
}

export type IngestJobRow = Selectable<IngestJobsTable>;
