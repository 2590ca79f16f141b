import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@newsrank/queue';

// Deletes the lock only if it is still ours: an expired lock may already belong to another worker.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Runs `work` only if no other worker holds the lock; returns null when one does. The scheduler
 * already hands each tick to one worker, but a slow tick could overlap the next one.
 */
export async function withPublishLock<T>(redis: RedisClient, key: string, ttlMs: number, work: () => Promise<T>): Promise<T | null> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
