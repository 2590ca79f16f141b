import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { handBackOnStop, type StoppableHandler } from './hand-back.ts';

const prefix = testQueuePrefix();
const clients: Redis[] = [];
const connect = () => {
  const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  clients.push(client);
  return client;
};

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await deleteQueuePrefix(prefix);
});

/** Starts a worker on a queue of its own, adds one job and resolves once the handler runs. */
async function runOne(name: string, handle: StoppableHandler, graceMs: number) {
  const queue = new Queue(name, { connection: connect(), prefix });
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const work = handBackOnStop(
    async (job, signal) => {
      started();
      return handle(job, signal);
    },
    { graceMs },
  );
  const worker = new Worker(name, work.processor, { connection: connect(), prefix });
  const job = await queue.add('work', { n: 1 }, { attempts: 3, backoff: { type: 'fixed', delay: 60_000 } });
  await running;
  return { queue, worker, work, id: job.id as string };
}

const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));

describe('handing jobs back when a worker stops', () => {
  it('a handler that stops at its signal puts the job back in the waiting list without spending an attempt', async () => {
    const { queue, worker, work, id } = await runOne('stops-at-signal', (_job, signal) => untilAborted(signal), 5_000);
    work.stop();
    await worker.close();
    expect(await queue.getJobState(id)).toBe('waiting');
    expect((await queue.getJob(id))?.attemptsMade).toBe(0);
  });

  it('a handler that ignores its signal is handed back when the grace period ends, so close() returns', async () => {
    const { queue, worker, work, id } = await runOne('hangs', () => new Promise<never>(() => {}), 300);
    const started = Date.now();
    work.stop();
    await worker.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await queue.getJobState(id)).toBe('waiting');
  });

  it('a handler that finishes after the signal completes its job', async () => {
    const { queue, worker, work, id } = await runOne(
      'finishes',
      async (_job, signal) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return 'done';
      },
      5_000,
    );
    work.stop();
    await worker.close();
    expect(await queue.getJobState(id)).toBe('completed');
  });

  it('a job that fails for good during shutdown is failed, not handed back', async () => {
    const { queue, worker, work, id } = await runOne(
      'unrecoverable',
      async (_job, signal) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw new UnrecoverableError('bad document');
      },
      5_000,
    );
    work.stop();
    await worker.close();
    expect(await queue.getJobState(id)).toBe('failed');
  });
});
