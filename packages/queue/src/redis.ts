import { once } from 'node:events';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisSettings {
  url: string;
  clusterNodes: { host: string; port: number }[];
}

/**
 * - `producer`: the API. Commands fail at once while Redis is away (no offline queue, short
 *   timeouts) so a request answers 503 instead of hanging.
 * - `worker`: BullMQ workers and schedulers. Commands wait for reconnection
 *   (`maxRetriesPerRequest: null`, as BullMQ requires for blocking commands).
 * - `subscriber`: pub/sub listeners; they reconnect and resubscribe by themselves.
 */
export type RedisRole = 'producer' | 'worker' | 'subscriber';

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 3_000, connectTimeout: 2_000 },
  worker: { maxRetriesPerRequest: null, enableReadyCheck: true, connectTimeout: 5_000 },
  subscriber: { maxRetriesPerRequest: null, connectTimeout: 5_000 },
};

// Reconnect forever, backing off to at most two seconds between attempts.
const retryStrategy = (attempt: number) => Math.min(50 * 2 ** attempt, 2_000);

export function createRedis(settings: RedisSettings, role: RedisRole): RedisClient {
  const options: RedisOptions = { ...ROLE_OPTIONS[role], retryStrategy, lazyConnect: false };
  if (settings.clusterNodes.length > 0) {
    return new Cluster(settings.clusterNodes, {
      redisOptions: options,
      enableOfflineQueue: options.enableOfflineQueue ?? true,
      clusterRetryStrategy: retryStrategy,
    });
  }
  return new Redis(settings.url, options);
}

const CONNECTING = new Set(['wait', 'connecting', 'connect']);

/**
 * True once the client is ready, waiting up to `waitMs` while a connection is still being made:
 * a fresh cluster client must read its slot map first, and a request arriving in that moment
 * should not be refused for it. A client that has ended, or is not ready in time, is not ready.
 */
export async function redisIsReady(redis: RedisClient, waitMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  // Closed, backing off or ended: Redis is known to be away, so say so at once.
  if (!CONNECTING.has(redis.status)) return false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), waitMs);
  try {
    await once(redis, 'ready', { signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Lock keys carry TTLs: any eviction policy but noeviction can silently wedge the queues. */
export async function assertNoEviction(redis: RedisClient): Promise<void> {
  // A cluster client knows its nodes only once it has read the slot map: before that the list
  // is empty and the check would pass without looking at anything.
  if (redis instanceof Cluster && redis.status !== 'ready') await once(redis, 'ready');
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let policy: string | undefined;
    try {
      const reply = (await node.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
      policy = reply[1];
    } catch {
      // Managed Redis services often forbid CONFIG; their operators must set noeviction themselves.
      continue;
    }
    if (policy !== undefined && policy !== 'noeviction') {
      throw new Error(`Redis maxmemory-policy is "${policy}"; newsrank needs "noeviction" (queue locks must never be evicted)`);
    }
  }
}
