import { Worker, type Job, type Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@newsrank/logger';
import { EVENT_JOB_OPTIONS, JOB_NAMES, QUEUE_NAMES, openQueue, type ApplyEventsPayload } from '@newsrank/queue';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { eventually } from '../../../test/support/stack.ts';
import { retryFailedEventJobs } from './retry-failed-events.ts';

let prefix: string;
let queue: Queue;
const logger = createLogger({ level: 'silent', name: 'test' });
const connection = { url: TEST_REDIS_URL };
const views: ApplyEventsPayload = {
  events: [{ eventId: 'e-1', articleId: '00000000-0000-4000-8000-000000000001', occurredAt: Date.now() }],
};

/** Runs a worker over the events queue until the job counts satisfy `until`. */
async function work(processor: (job: Job) => Promise<unknown>, until: (counts: Record<string, number>) => boolean): Promise<void> {
  const worker = new Worker(QUEUE_NAMES.events, processor, { connection, prefix });
  await eventually(
    async () => (until(await queue.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed')) ? true : undefined),
    10_000,
    'jobs worked off',
  );
  await worker.close();
}

beforeAll(async () => {
  prefix = testQueuePrefix();
  queue = openQueue('events', { connection, prefix });
});
afterAll(async () => {
  await queue?.close();
  if (prefix) await deleteQueuePrefix(prefix);
});

describe('retryFailedEventJobs', () => {
  it('puts event jobs that failed for good back in the queue with fresh attempts, and leaves jobs that can never succeed', async () => {
    // Two attempts, both failing: a database outage longer than the retries.
    const options = { ...EVENT_JOB_OPTIONS, attempts: 2, backoff: { type: 'fixed', delay: 10 } };
    const outage = await queue.add(JOB_NAMES.applyEvents, views, options);
    const malformed = await queue.add(JOB_NAMES.applyEvents, { events: 'not a list' }, options);
    await work(
      async () => {
        throw new Error('database away');
      },
      (counts) => counts.failed === 2,
    );
    expect(await queue.getJobState(outage.id!)).toBe('failed');
    expect((await queue.getJob(outage.id!))?.attemptsMade).toBe(2);

    expect(await retryFailedEventJobs(queue, logger)).toEqual({ retried: 1, left: 1 });
    expect(await queue.getJobState(outage.id!)).toBe('waiting');
    expect((await queue.getJob(outage.id!))?.attemptsMade).toBe(0);
    expect(await queue.getJobState(malformed.id!)).toBe('failed');

    // The database is back: the same job, with its views, is applied.
    const seen: unknown[] = [];
    await work(
      async (job) => void seen.push(job.data),
      (counts) => counts.wait === 0 && counts.active === 0,
    );
    expect(seen).toEqual([views]);
    expect(await queue.getJobState(outage.id!)).toBe('unknown'); // completed and removed (removeOnComplete)
    expect(await retryFailedEventJobs(queue, logger)).toEqual({ retried: 0, left: 1 });
  });
});
