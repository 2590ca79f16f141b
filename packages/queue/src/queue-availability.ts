import { redisIsReady, type RedisClient } from './redis.ts';

/** How long a producer waits for a Redis connection still being made before it refuses the work. */
const READY_WAIT_MS = 1_000;

/**
 * Redis cannot take the work: nothing of it was queued, and whoever sent it may try again after
 * `retryAfterSeconds`. The API answers it as a 503 with Retry-After.
 */
export class QueueUnavailableError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('the queue is not reachable; nothing was queued');
    this.name = 'QueueUnavailableError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Throws QueueUnavailableError unless Redis is ready (or becomes so within a moment, as a fresh cluster client does). */
export async function requireQueue(redis: RedisClient, retryAfterSeconds: number): Promise<void> {
  if (!(await redisIsReady(redis, READY_WAIT_MS))) throw new QueueUnavailableError(retryAfterSeconds);
}
