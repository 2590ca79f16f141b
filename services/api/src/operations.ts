import type { RequestHandler } from 'express';
import type { Queue } from 'bullmq';
import type { Config, CorsOrigins, TrustProxy } from '@newsrank/config';
import type { Logger } from '@newsrank/logger';
import { clusterMetricsKey, type SourceCounts } from '@newsrank/metrics';
import type { RedisClient } from '@newsrank/queue';
import { bearerToken, tokenMatcher } from './http/auth.ts';
import { rateLimit } from './http/rate-limit.ts';
import { createApiMetrics, type ApiMetrics } from './metrics/api-metrics.ts';
import { StreamSlots } from './lists/stream-slots.ts';

/** What running the API in production takes besides its endpoints. */
export interface OperationsDeps {
  metrics: ApiMetrics;
  /** Shown read-only at /admin/queues. */
  dashboardQueues: Queue[];
  corsOrigins: CorsOrigins;
  trustProxy: TrustProxy;
  rateLimitPerMinute: number;
  /** Where the shared rate-limit counters live in Redis: one budget per deployment. */
  rateLimitKeyPrefix: string;
  /** The event streams this process holds at once (SSE_MAX_CLIENTS). */
  streams: StreamSlots;
}

/**
 * The per-address limit on `/v1`. Requests with a valid ingest token are exempt: publishers
 * post from a few addresses in bulk and are known. A wrong token does count, so guessing
 * tokens is throttled like any other public traffic.
 */
export function publicRateLimit(deps: { redis: RedisClient; ingestTokens: string[]; operations: OperationsDeps }): RequestHandler {
  const validToken = tokenMatcher(deps.ingestTokens);
  return rateLimit({
    perMinute: deps.operations.rateLimitPerMinute,
    redis: deps.redis,
    keyPrefix: deps.operations.rateLimitKeyPrefix,
    isExempt: (req) => {
      const token = bearerToken(req);
      return token !== null && validToken(token);
    },
    onLimited: () => deps.operations.metrics.countRateLimited(),
  });
}

/** The operations side of one API process, from its configuration and its Redis connection. */
export function operationsFor(
  config: Config,
  redis: RedisClient,
  queues: Queue[],
  logger: Logger,
  sourceCounts?: SourceCounts,
): OperationsDeps {
  const streams = new StreamSlots(config.httpLimits.sseMaxClients);
  return {
    metrics: createApiMetrics({ redis, queues, clusterMetricsKey: clusterMetricsKey(config.queuePrefix), logger }, streams, sourceCounts),
    dashboardQueues: queues,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    rateLimitPerMinute: config.rateLimitPerMinute,
    // Without the prefix's hash tag: each address's key stands alone, so on a Redis Cluster the
    // limiter's traffic spreads over every shard instead of the queues' one.
    rateLimitKeyPrefix: `${config.queuePrefix.replace(/[{}]/g, '')}:rate-limit`,
    streams,
  };
}
