import { redisIsReady, type RedisClient } from '@newsrank/queue';
import { HttpError } from './errors.ts';

/** How long a request waits for a Redis connection still being made before it is refused. */
const READY_WAIT_MS = 1_000;

/** The one answer for "Redis refused": nothing was accepted, and the client is told when to retry. */
export const queueUnavailable = (retryAfterSeconds: number) =>
  new HttpError(503, 'queue_unavailable', 'the queue is not reachable; nothing was accepted, retry later', {
    'retry-after': String(retryAfterSeconds),
  });

/** Throws 503 unless Redis is ready (or becomes so within a moment, as a fresh cluster client does). */
export async function requireQueue(redis: RedisClient, retryAfterSeconds: number): Promise<void> {
  if (!(await redisIsReady(redis, READY_WAIT_MS))) throw queueUnavailable(retryAfterSeconds);
}
