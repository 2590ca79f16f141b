import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { readQueueStats } from './queue-stats.ts';

let redis: Redis;
let queue: Queue;
const prefix = testQueuePrefix();

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('stats', { connection: redis, prefix });
});
afterAll(async () => {
  await queue.close();
  await deleteQueuePrefix(prefix);
  redis.disconnect();
});

describe('readQueueStats', () => {
  it('an empty queue has no jobs and no oldest waiting age', async () => {
    expect(await readQueueStats(queue)).toEqual({
      queue: 'stats',
      jobs: { waiting: 0, active: 0, failed: 0, delayed: 0 },
      oldestWaitingSeconds: null,
    });
  });

  it('counts jobs by state and ages the one that has waited longest', async () => {
    await queue.add('first', {}, { timestamp: Date.now() - 30_000 });
    await queue.add('second', {});
    await queue.add('later', {}, { delay: 60_000 });
    const stats = await readQueueStats(queue);
    expect(stats.jobs).toEqual({ waiting: 2, active: 0, failed: 0, delayed: 1 });
    expect(stats.oldestWaitingSeconds).toBeGreaterThanOrEqual(30);
    expect(stats.oldestWaitingSeconds).toBeLessThan(40);
  });
});
