import type { Queue } from 'bullmq';
import { forgetIngestJob, recordIngestJob, type Db, type NewIngestJob } from '@newsrank/db';
import { queueIngestDocument } from '@newsrank/queue';

/** The queue refused the job: the document was withdrawn, the sender should retry. */
export class QueueRefusedError extends Error {
  constructor(cause: unknown) {
    super(`the queue refused the ingest job: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'QueueRefusedError';
  }
}

/**
 * Accepts a document for ingest, the one way in for posted, pushed (WebSub) documents: recorded
 * in PostgreSQL first, then the queue points at it. If the queue refuses, the record is withdrawn

 * and a QueueRefusedError thrown, so the sender is told to retry and nothing half-accepted remains.
 */
export async function acceptDocument(db: Db, ingestQueue: Queue, job: NewIngestJob): Promise<void> {
  await recordIngestJob(db, job);
  try {
    await queueIngestDocument(ingestQueue, job.id);
  } catch (error) {
    await forgetIngestJob(db, job.id).catch(() => {});
    throw new QueueRefusedError(error);
  }
}
