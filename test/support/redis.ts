import { TEST_SERVER_DEFAULTS } from '@newsrank/local-services';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || TEST_SERVER_DEFAULTS.redisUrl;

/** A queue prefix of the test file's own; the hash tag keeps a queue's keys in one cluster slot. */
export function testQueuePrefix(): string {
  return `{nrt-${randomBytes(5).toString('hex')}}`;
}

/** Removes every key under a prefix, so test runs leave Redis as they found it. */
export async function deleteQueuePrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
