import type { Queue } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import { cachedFor, withTimeout } from './cached.ts';
import {
  APPLIED_VIEW_RESULTS,
  INGEST_OUTCOMES,
  SOURCE_FETCH_OUTCOMES,
  readClusterCounters,
  type ClusterCounters,
} from './cluster-counters.ts';
import { QUEUE_STATES, readQueueStats, type QueueStats } from './queue-stats.ts';

export interface SharedStateSource {
  redis: RedisClient;
  queues: Queue[];
  /** The Redis hash the workers count their work in (clusterMetricsKey). */
  clusterMetricsKey: string;
  logger: Logger;
}

interface SharedState {
  queues: QueueStats[];
  counters: ClusterCounters;
}

/** Scrapes from many Prometheus servers or replicas cost Redis one read a second at most. */
const CACHE_MS = 1_000;
/** A scrape answers (without these series) rather than wait on a Redis that does not. */
const READ_TIMEOUT_MS = 1_000;

/**
 * Series read from Redis at scrape time: queue depth and lag, and the counters the workers keep
 * there. They describe the whole deployment, so every API replica reports the same values:
 * aggregate them across replicas with max(), not sum().
 */
export function registerSharedStateMetrics(registry: Registry, source: SharedStateSource): void {
  const read = cachedFor(CACHE_MS, () => withTimeout(readSharedState(source), READ_TIMEOUT_MS, 'shared metrics'));
  const current = async (): Promise<SharedState | null> => {
    try {
      return await read();
    } catch (error) {
      source.logger.debug({ err: error }, 'could not read queue and worker metrics from Redis');
      return null;
    }
  };
  const registers = [registry];
  // Values change only when Redis could be read: otherwise the last ones stay (a counter that
  // dropped to zero would look like a reset) and newsrank_shared_metrics_up says they are stale.
  const fromState = <M extends { reset(): void }>(update: (metric: M, state: SharedState) => void) =>
    async function collect(this: M) {
      const state = await current();
      if (!state) return;
      this.reset();
      update(this, state);
    };

  new Gauge({
    name: 'newsrank_shared_metrics_up',
    help: 'Whether queue and worker metrics could be read from Redis at this scrape (1) or not (0)',
    registers,
    async collect() {
      this.set((await current()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'newsrank_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, failed, delayed)',
    labelNames: ['queue', 'state'] as const,
    registers,
    collect: fromState((gauge, state) => {
      for (const stats of state.queues)
        for (const jobState of QUEUE_STATES) gauge.set({ queue: stats.queue, state: jobState }, stats.jobs[jobState]);
    }),
  });
  new Gauge({
    name: 'newsrank_queue_oldest_waiting_seconds',
    help: 'Age of the job that has waited longest in the queue (0 when none waits)',
    labelNames: ['queue'] as const,
    registers,
    collect: fromState((gauge, state) => {
      for (const stats of state.queues) gauge.set({ queue: stats.queue }, stats.oldestWaitingSeconds ?? 0);
    }),
  });
  new Counter({
    name: 'newsrank_ingest_articles_total',
    help: 'Articles of ingested documents by outcome (inserted, updated, duplicate, rejected), all ingest workers',
    labelNames: ['outcome'] as const,
    registers,
    collect: fromState((counter, state) => {
      for (const outcome of INGEST_OUTCOMES) counter.inc({ outcome }, state.counters.ingestArticles[outcome]);
    }),
  });
  new Counter({
    name: 'newsrank_views_applied_total',
    help: 'Views the ranking workers applied, by result (counted, duplicate, unknown_article)',
    labelNames: ['result'] as const,
    registers,
    collect: fromState((counter, state) => {
      for (const result of APPLIED_VIEW_RESULTS) counter.inc({ result }, state.counters.viewsApplied[result]);
    }),
  });
  new Counter({
    name: 'newsrank_source_fetches_total',
    help: 'Fetches of subscribed sources by outcome (changed, not_modified, failed), all ingest workers',
    labelNames: ['outcome'] as const,
    registers,
    collect: fromState((counter, state) => {
      for (const outcome of SOURCE_FETCH_OUTCOMES) counter.inc({ outcome }, state.counters.sourceFetches[outcome]);
    }),
  });
  new Counter({
    name: 'newsrank_source_fetch_failures_total',
    help: 'Failed fetches of subscribed sources by reason (timeout, dns, tls, http-error, rate-limited, not-a-feed, ...)',
    labelNames: ['reason'] as const,
    registers,
    collect: fromState((counter, state) => {
      for (const [reason, count] of Object.entries(state.counters.sourceFetchFailures)) counter.inc({ reason }, count);
    }),
  });
  new Counter({
    name: 'newsrank_source_fetch_seconds_total',
    help: 'Time spent fetching subscribed sources; divide by the sum of newsrank_source_fetches_total for the mean latency',
    registers,
    collect: fromState((counter: Counter, state) => counter.inc(state.counters.sourceFetchSecondsSum)),
  });
  new Gauge({
    name: 'newsrank_source_not_modified_ratio',
    help: 'Share of successful source fetches answered 304 Not Modified, since the counters began',
    registers,
    collect: fromState((gauge: Gauge, state) => {
      const { changed, not_modified: notModified } = state.counters.sourceFetches;
      gauge.set(changed + notModified === 0 ? 0 : notModified / (changed + notModified));
    }),
  });
  new Counter({
    name: 'newsrank_list_publishes_total',
    help: 'Publishes that made newly applied views visible in the lists',
    registers,
    collect: fromState((counter: Counter, state) => counter.inc(state.counters.listPublishes)),
  });
  new Counter({
    name: 'newsrank_list_publish_lag_seconds_total',
    help: 'Sum over publishes of the time from committing views to publishing lists that show them; divide by newsrank_list_publishes_total for the mean',
    registers,
    collect: fromState((counter: Counter, state) => counter.inc(state.counters.listPublishLagSecondsSum)),
  });
  new Gauge({
    name: 'newsrank_list_publish_lag_seconds',
    help: 'Time from committing views to publishing lists that show them, at the latest publish (0 before the first)',
    registers,
    collect: fromState((gauge: Gauge, state) => gauge.set(state.counters.listPublishLagSecondsLast ?? 0)),
  });
}

async function readSharedState(source: SharedStateSource): Promise<SharedState> {
  // A producer connection refuses commands at once while Redis is away; say so plainly.
  if (source.redis.status !== 'ready') throw new Error(`redis is ${source.redis.status}`);
  const [queues, counters] = await Promise.all([
    Promise.all(source.queues.map((queue) => readQueueStats(queue))),
    readClusterCounters(source.redis, source.clusterMetricsKey),
  ]);
  return { queues, counters };
}
