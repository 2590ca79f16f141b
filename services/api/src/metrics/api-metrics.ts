import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import {
  createMetricsRegistry,
  registerSharedStateMetrics,
  registerSourceMetrics,
  type SharedStateSource,
  type SourceCounts,
} from '@newsrank/metrics';
import { HTTP_DURATION_BUCKETS, type HttpLabel } from './http-metrics.ts';

/** What one request did with its access events; `rejected` is a count here. */
export interface EventCounts {
  accepted: number;
  filtered: number;
  rejected: number;
}

export interface ApiMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<HttpLabel>;
  countEvents(counts: EventCounts): void;
  countRateLimited(): void;
}

/**
 * This API process's metrics, plus the deployment-wide ones it reads from Redis (and, for the
 * sources, PostgreSQL) when scraped.
 */
export function createApiMetrics(
  shared: SharedStateSource,
  streams: { open: number; capacity: number },
  sourceCounts?: SourceCounts,
): ApiMetrics {
  const registry = createMetricsRegistry('api');
  const registers = [registry];
  const httpRequestDuration = new Histogram<HttpLabel>({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'],
    buckets: HTTP_DURATION_BUCKETS,
    registers,
  });
  const events = new Counter({
    name: 'newsrank_events_total',
    help: 'Access events received by this API process, by outcome (accepted, filtered as bots, rejected as invalid)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'newsrank_rate_limited_requests_total',
    help: 'Requests this API process refused with 429',
    registers,
  });
  new Gauge({
    name: 'newsrank_sse_clients',
    help: 'Event streams (GET /v1/ranking/stream) this API process holds open',
    registers,
    collect() {
      this.set(streams.open);
    },
  });
  new Gauge({
    name: 'newsrank_sse_clients_max',
    help: 'Event streams this API process holds at most (SSE_MAX_CLIENTS); past it a new one is refused with 503',
    registers,
    collect() {
      this.set(streams.capacity);
    },
  });
  registerSharedStateMetrics(registry, shared);
  if (sourceCounts) registerSourceMetrics(registry, sourceCounts);
  // Series that exist from the start read 0 rather than "no data" before the first event.
  for (const outcome of ['accepted', 'filtered', 'rejected'] as const) events.inc({ outcome }, 0);

  return {
    registry,
    httpRequestDuration,
    countEvents(counts) {
      for (const outcome of ['accepted', 'filtered', 'rejected'] as const)
        if (counts[outcome] > 0) events.inc({ outcome }, counts[outcome]);
    },
    countRateLimited: () => rateLimited.inc(),
  };
}
