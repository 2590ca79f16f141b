import type { Queue } from 'bullmq';
import { JOBS } from './jobs.ts';
import type { IngestDocumentPayload } from './queues.ts';

/**
 * Points the ingest queue at a recorded document. The job is named by the ingest job's id, so
 * queuing the same document again (a sweep, a retried producer) is the same job.
 */
export async function queueIngestDocument(queue: Queue, ingestJobId: string): Promise<void> {
  const payload: IngestDocumentPayload = { ingestJobId };
  await queue.add(JOBS.ingestDocument.name, payload, { ...JOBS.ingestDocument.options, jobId: ingestJobId });
}
