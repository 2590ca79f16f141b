import type { Queue } from 'bullmq';
import { pendingIngestJobIds, type Db } from '@newsrank/db';
import { JOBS, queueIngestDocument } from '@newsrank/queue';
import type { Logger } from '@newsrank/logger';

/** How long an accepted document may wait before the sweeper suspects its queue entry is gone: one sweep interval. */
export const SWEEP_AFTER_MS = JOBS.sweepIngestJobs.schedule.everyMs;

/**
 * PostgreSQL holds every accepted document; Redis only points at it. If a queue entry was lost
 * (Redis restarted without its last writes) or gave up while the database was away, the
 * document is queued again under the same job id, which BullMQ treats as the same job.
 */
export async function sweepIngestJobs(db: Db, queue: Queue, logger: Logger): Promise<number> {
  let requeued = 0;
  for (const id of await pendingIngestJobIds(db, SWEEP_AFTER_MS)) {
    const job = await queue.getJob(id);
    if (!job) {
      await queueIngestDocument(queue, id);
      requeued++;
    } else if (await job.isFailed()) {
      await job.retry('failed');
      requeued++;
    }
  }
  if (requeued > 0) logger.warn({ requeued }, 'requeued accepted documents whose queue entries were lost or failed');
  return requeued;
}
