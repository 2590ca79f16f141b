import { UnrecoverableError, type Job } from 'bullmq';
import { JOBS, type JobKey } from './jobs.ts';
import type { QueueName } from './queues.ts';

/** The catalogue keys of the jobs on queue `Q`. */
export type JobsOn<Q extends QueueName> = { [K in JobKey]: (typeof JOBS)[K]['queue'] extends Q ? K : never }[JobKey];

/** What a job's payload check lets through. */
export type PayloadOf<K extends JobKey> = (typeof JOBS)[K]['payload'] extends (data: unknown) => data is infer P ? P : never;

/** Runs one job, its payload already checked; `signal` aborts when the worker begins to stop. */
export type JobHandler<K extends JobKey> = (data: PayloadOf<K>, job: Job, signal: AbortSignal) => Promise<unknown>;

/** A handler for every job the catalogue puts on queue `Q`, and for nothing else (use with `satisfies`). */
export type JobHandlers<Q extends QueueName> = { readonly [K in JobsOn<Q>]: JobHandler<K> };

/** Never aborted: for workers that do not hand jobs back on stop. */
const RUNNING = new AbortController().signal;

/**
 * One processor for the jobs of a queue: finds the handler by job name and runs it once the
 * payload passed its check. A job with no handler on this queue, or with a payload that fails
 * its check, can never succeed, so it fails for good (UnrecoverableError) instead of retrying.
 */
export function dispatchJobs<Q extends QueueName>(
  queue: Q,
  handlers: JobHandlers<Q>,
): (job: Job, signal?: AbortSignal) => Promise<unknown> {
  const byName = new Map<
    string,
    { payload: (data: unknown) => boolean; handle: (data: unknown, job: Job, signal: AbortSignal) => Promise<unknown> }
  >();
  for (const [key, handle] of Object.entries(handlers) as [JobKey, (data: unknown, job: Job, signal: AbortSignal) => Promise<unknown>][]) {
    const job = JOBS[key];
    if (job?.queue !== queue) throw new Error(`${key} is not a job of the ${queue} queue`);
    byName.set(job.name, { payload: job.payload, handle });
  }
  return async (job, signal = RUNNING) => {
    const entry = byName.get(job.name);
    if (!entry) throw new UnrecoverableError(`unknown job "${job.name}" on the ${queue} queue (it runs ${[...byName.keys()].join(', ')})`);
    if (!entry.payload(job.data)) throw new UnrecoverableError(`the payload of ${job.name} job ${job.id ?? ''} is not valid`);
    return entry.handle(job.data, job, signal);
  };
}
