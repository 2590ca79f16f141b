import type { Queue } from 'bullmq';
import type { Logger } from '@newsrank/logger';
import { isApplicableEventsJob } from './events-processor.ts';

/** Jobs looked at per run; a larger backlog is worked off over the following runs. */
const MAX_JOBS_PER_RUN = 1_000;

export interface RetriedEventJobs {
  retried: number;
  /** Failed jobs that can never succeed (not an apply-events job, or a malformed payload): left for an operator. */
  left: number;
}

/**
 * An event job fails for good only after its 12 attempts (about 68 minutes of backoff), which
 * takes a PostgreSQL outage that long. Its views were accepted with a 202, so it must not stay in
 * the failed set: every run puts such jobs back in the queue with fresh attempts. That is safe
 * because applying a job twice adds nothing (eventIds are recorded with their views, and the
 * records outlive the failed set's 7 days by weeks); while the database is still down the jobs
 * simply fail again and come back on a later run. Jobs whose payload could never be applied stay
 * where they are, for an operator to read.
 */
export async function retryFailedEventJobs(queue: Queue, logger: Logger): Promise<RetriedEventJobs> {
  const outcome: RetriedEventJobs = { retried: 0, left: 0 };
  for (const job of await queue.getFailed(0, MAX_JOBS_PER_RUN - 1)) {
    if (!isApplicableEventsJob(job.name, job.data)) {
      outcome.left += 1;
      continue;
    }
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      outcome.retried += 1;
    } catch (error) {
      // Removed by its age limit, or retried by another worker's run meanwhile: nothing to do.
      logger.debug({ err: error, jobId: job.id }, 'failed event job not retried');
    }
  }
  if (outcome.retried > 0) logger.warn(outcome, 'event jobs that had failed for good are queued again');
  return outcome;
}
