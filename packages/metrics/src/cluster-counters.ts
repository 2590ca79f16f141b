import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '@newsrank/queue';

/**
 * Counters of work the workers did, kept in one Redis hash per deployment (per queue prefix):
 * workers add to them as they commit, and every API replica reports the same cluster-wide
 * totals at `/metrics`. Workers have no HTTP server to scrape, and Prometheus then needs to
 * reach only the API. The hash shares the queues' hash tag, so one MULTI can touch it and a
 * queue key even on a Redis Cluster.
 */
export const clusterMetricsKey = (prefix: string) => `${prefix}:metrics`;

export const INGEST_OUTCOMES = ['inserted', 'updated', 'duplicate', 'rejected'] as const;
export type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

export const APPLIED_VIEW_RESULTS = ['counted', 'duplicate', 'unknown_article'] as const;
export type AppliedViewResult = (typeof APPLIED_VIEW_RESULTS)[number];

export const SOURCE_FETCH_OUTCOMES = ['changed', 'not_modified', 'failed'] as const;
export type SourceFetchOutcome = (typeof SOURCE_FETCH_OUTCOMES)[number];

export const CLUSTER_FIELDS = {
  sourceFetches: (outcome: SourceFetchOutcome) => `source_fetches:${outcome}`,
  sourceFetchFailures: (reason: string) => `source_fetch_failures:${reason}`,
  sourceFetchMsSum: 'source_fetch_ms:sum',
  ingestArticles: (outcome: IngestOutcome) => `ingest_articles:${outcome}`,
  viewsApplied: (result: AppliedViewResult) => `views_applied:${result}`,
  listPublishes: 'list_publishes',
  listPublishLagMsSum: 'list_publish_lag_ms:sum',
  listPublishLagMsLast: 'list_publish_lag_ms:last',
  /** When the oldest committed views not yet in a published list were committed (epoch ms). */
  viewsWaitingSinceMs: 'views_waiting_since_ms',
} as const;

type HashIncrementer = Pick<ChainableCommander, 'hincrby'>;

/** Queues the increments on a MULTI or pipeline, so they commit with whatever else it carries. */
export function addCounts<K extends string>(
  target: HashIncrementer,
  key: string,
  field: (name: K) => string,
  counts: Partial<Record<K, number>>,
): void {
  for (const [name, count] of Object.entries(counts) as [K, number | undefined][]) {
    if (count !== undefined && count > 0) target.hincrby(key, field(name), count);
  }
}

/** An ingested document's article outcomes. Metrics are best effort: a Redis error is only reported. */
export async function countIngestOutcomes(redis: RedisClient, key: string, counts: Record<IngestOutcome, number>): Promise<void> {
  const pipeline = redis.pipeline();
  addCounts(pipeline, key, CLUSTER_FIELDS.ingestArticles, counts);
  await pipeline.exec();
}

/** One fetch of a subscribed source, by outcome (and reason, for a failure), with its latency. */
export async function countSourceFetch(
  redis: RedisClient,
  key: string,
  fetch: { outcome: SourceFetchOutcome; reason?: string; elapsedMs: number },
): Promise<void> {
  const pipeline = redis.pipeline();
  pipeline.hincrby(key, CLUSTER_FIELDS.sourceFetches(fetch.outcome), 1);
  if (fetch.reason !== undefined) pipeline.hincrby(key, CLUSTER_FIELDS.sourceFetchFailures(fetch.reason), 1);
  pipeline.hincrby(key, CLUSTER_FIELDS.sourceFetchMsSum, Math.round(fetch.elapsedMs));
  await pipeline.exec();
}

export interface ClusterCounters {
  sourceFetches: Record<SourceFetchOutcome, number>;
  sourceFetchFailures: Record<string, number>;
  sourceFetchSecondsSum: number;
  ingestArticles: Record<IngestOutcome, number>;
  viewsApplied: Record<AppliedViewResult, number>;
  listPublishes: number;
  listPublishLagSecondsSum: number;
  /** Null until a publish has measured one. */
  listPublishLagSecondsLast: number | null;
}

export async function readClusterCounters(redis: RedisClient, key: string): Promise<ClusterCounters> {
  const raw = await redis.hgetall(key);
  const number = (field: string) => Number(raw[field] ?? 0) || 0;
  const last = raw[CLUSTER_FIELDS.listPublishLagMsLast];
  const failures: Record<string, number> = {};
  const failurePrefix = CLUSTER_FIELDS.sourceFetchFailures('');
  for (const field of Object.keys(raw)) if (field.startsWith(failurePrefix)) failures[field.slice(failurePrefix.length)] = number(field);
  return {
    sourceFetches: Object.fromEntries(
      SOURCE_FETCH_OUTCOMES.map((outcome) => [outcome, number(CLUSTER_FIELDS.sourceFetches(outcome))]),
    ) as Record<SourceFetchOutcome, number>,
    sourceFetchFailures: failures,
    sourceFetchSecondsSum: number(CLUSTER_FIELDS.sourceFetchMsSum) / 1000,
    ingestArticles: Object.fromEntries(
      INGEST_OUTCOMES.map((outcome) => [outcome, number(CLUSTER_FIELDS.ingestArticles(outcome))]),
    ) as Record<IngestOutcome, number>,
    viewsApplied: Object.fromEntries(APPLIED_VIEW_RESULTS.map((result) => [result, number(CLUSTER_FIELDS.viewsApplied(result))])) as Record<
      AppliedViewResult,
      number
    >,
    listPublishes: number(CLUSTER_FIELDS.listPublishes),
    listPublishLagSecondsSum: number(CLUSTER_FIELDS.listPublishLagMsSum) / 1000,
    listPublishLagSecondsLast: last === undefined ? null : Number(last) / 1000,
  };
}
