export { createMetricsRegistry } from './registry.ts';
export { cachedFor, withTimeout } from './cached.ts';
export {
  APPLIED_VIEW_RESULTS,
  CLUSTER_FIELDS,
  INGEST_OUTCOMES,
  SOURCE_FETCH_OUTCOMES,
  addCounts,
  clusterMetricsKey,
  countIngestOutcomes,
  countSourceFetch,
  readClusterCounters,
  type AppliedViewResult,
  type ClusterCounters,
  type IngestOutcome,
  type SourceFetchOutcome,
} from './cluster-counters.ts';
export { markViewsWaiting, recordPublishLag, type PublishLagInput } from './publish-lag.ts';
export { QUEUE_STATES, readQueueStats, type QueueState, type QueueStats } from './queue-stats.ts';
export { registerSharedStateMetrics, type SharedStateSource } from './shared-state-metrics.ts';
export { registerSourceMetrics, type SourceCounts } from './source-metrics.ts';
