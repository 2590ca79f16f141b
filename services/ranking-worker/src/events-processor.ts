import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '@newsrank/logger';
import { isAcceptableEventTime } from '@newsrank/ranking';
import { JOB_NAMES, isApplyEventsPayload, type ApplyEventsPayload } from '@newsrank/queue';
import type { ViewApplier } from './view-applier.ts';

/** Generous: the API already refused clocks more than a minute fast; this only guards the decay math. */
const WORKER_SKEW_MS = 3_600_000;

/** Whether a job (its name and data) is an `apply-events` job whose payload can be applied; any other can never succeed. */
export function isApplicableEventsJob(name: string, data: unknown): data is ApplyEventsPayload {
  return name === JOB_NAMES.applyEvents && isApplyEventsPayload(data);
}

/**
 * One `apply-events` job: hands its views to the group commit and completes once they are
 * committed. A job that dies before that is redelivered, and the dedup records make the second
 * application add nothing — as long as they are still kept. They are kept for
 * `EVENT_DEDUP_RETENTION` (plus an hour) after counting, and counting comes after the event
 * happened, so a view is applied only while it is younger than that retention: a job retried
 * late (after a long outage, see retryFailedEventJobs) can then never count a view twice.
 */
export function eventsProcessor(applier: ViewApplier, logger: Logger, { dedupRetentionMs }: { dedupRetentionMs: number }) {
  return async (job: Job) => {
    if (!isApplicableEventsJob(job.name, job.data)) {
      throw new UnrecoverableError(`not an ${JOB_NAMES.applyEvents} job with a valid payload: ${job.name}`);
    }
    const now = Date.now();
    const events = job.data.events.filter((event) => isAcceptableEventTime(event.occurredAt, now, { maxSkewMs: WORKER_SKEW_MS, dedupRetentionMs }) === 'ok');
    if (events.length < job.data.events.length) {
      logger.warn({ jobId: job.id, dropped: job.data.events.length - events.length }, 'dropped views that left the longest window or the dedup retention while queued');
    }
    await applier.submit(events);
    return { events: events.length };
  };
}
