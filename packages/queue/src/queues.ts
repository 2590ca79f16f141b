import type { DefaultJobOptions } from 'bullmq';

/**
 * The one catalogue of queues and their jobs: producers and workers both import it, so a
 * payload cannot drift between them. Payloads carry ids and small records, never documents:
 * a posted document lives in PostgreSQL (ingest_jobs) until it is stored.
 */
export const QUEUE_NAMES = {
  ingest: 'ingest',
  events: 'events',
  ranking: 'ranking',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const JOB_NAMES = {
  ingestDocument: 'ingest-document',
  sweepIngestJobs: 'sweep-ingest-jobs',
} as const;

export interface IngestDocumentPayload {
  ingestJobId: string;
}

export const INGEST_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
};

export function isIngestDocumentPayload(data: unknown): data is IngestDocumentPayload {
  return typeof data === 'object' && data !== null && typeof (data as { ingestJobId?: unknown }).ingestJobId === 'string';
}
