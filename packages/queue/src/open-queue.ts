import { Queue, type ConnectionOptions } from 'bullmq';
import { JOBS, QUEUE_JOB_DEFAULTS, type ScheduleSettings } from './jobs.ts';
import { QUEUE_NAMES, type QueueName } from './queues.ts';

/** A queue of the catalogue, adding jobs with that queue's default options. */
export function openQueue(queue: QueueName, options: { connection: ConnectionOptions; prefix: string }): Queue {
  const defaultJobOptions = QUEUE_JOB_DEFAULTS[queue];
  return new Queue(QUEUE_NAMES[queue], {
    connection: options.connection,
    prefix: options.prefix,
    ...(defaultJobOptions ? { defaultJobOptions } : {}),
  });
}

/**
 * Creates or updates the scheduler of every recurring job the catalogue puts on `queue`'s queue.
 * Idempotent: every worker of a queue may call it, and BullMQ hands each tick to one of them.
 */
export async function upsertJobSchedulers(queue: Queue, settings: Partial<ScheduleSettings> = {}): Promise<void> {
  for (const job of Object.values(JOBS)) {
    if (job.queue !== queue.name || !('schedule' in job)) continue;
    const every = typeof job.schedule.everyMs === 'number' ? job.schedule.everyMs : settings[job.schedule.everyMs];
    if (every === undefined) throw new Error(`the ${job.name} schedule follows ${job.schedule.everyMs}, which was not given`);
    await queue.upsertJobScheduler(job.name, { every }, { name: job.name, opts: job.options });
  }
}
