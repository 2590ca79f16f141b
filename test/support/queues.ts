import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './redis.ts';

/** A look at one of the stack's BullMQ queues, for checking job states from a test. */
export function inspectQueue(prefix: string, name: string, redisUrl = TEST_REDIS_URL): { queue: Queue; close(): Promise<void> } {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix });
  return {
    queue,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
