import type { Job } from 'bullmq';
import type { Logger } from '@newsrank/logger';
import { isAcceptableEventTime } from '@newsrank/ranking';
import { JOBS, dispatchJobs, type ApplyEventsPayload, type JobHandlers } from '@newsrank/queue';
import { WORKER_SKEW_MS } from './retention.ts';
import type { ViewApplier } from './view-applier.ts';

/** Whether a job (its name and data) is an `apply-events` job whose payload can be applied; any other can never succeed. */
export function isApplicableEventsJob(name: string, data: unknown): data is ApplyEventsPayload {
  return name === JOBS.applyEvents.name && JOBS.applyEvents.payload(data);
}

/**
 * One `apply-events` job: hands its views to the group commit and completes once they are
 * committed. A job that dies before that is redelivered, and the dedup records make the second
 * application add nothing — as long as they are still kept. They are kept for
 * `EVENT_DEDUP_RETENTION` (the dedup horizon) after the time the event carries, so a view is
 * applied only while it is younger than that: a job retried late (after a long outage, see
 * retryFailedEventJobs) can then never count a view twice.
 */
export function eventsHandlers(applier: ViewApplier, logger: Logger, { dedupRetentionMs }: { dedupRetentionMs: number }) {
  return {
    applyEvents: async (data, job) => {
      const now = Date.now();
      const events = data.events.filter(
        (event) => isAcceptableEventTime(event.occurredAt, now, { maxSkewMs: WORKER_SKEW_MS, dedupRetentionMs }) === 'ok',
      );
      if (events.length < data.events.length) {
        logger.warn(
          { jobId: job.id, dropped: data.events.length - events.length },
          'dropped views that left the longest window or the dedup retention while queued',
        );
      }
      await applier.submit(events);
      return { events: events.length };
    },
  } satisfies JobHandlers<'events'>;
}

/** The events queue's processor: any job but a valid apply-events one fails for good. */
export function eventsProcessor(applier: ViewApplier, logger: Logger, options: { dedupRetentionMs: number }) {
  const dispatch = dispatchJobs('events', eventsHandlers(applier, logger, options));
  return (job: Job) => dispatch(job);
}
