import type { TimePartitionedTable } from '@newsrank/db';
import { EVENT_CLOCK_SKEW_MS, longestWindowMs } from '@newsrank/ranking';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RetentionSettings {
  /** EVENT_DEDUP_RETENTION: the dedup horizon. */
  dedupRetentionMs: number;
  /** RANKING_HISTORY_DAYS. */
  historyDays: number;
}

/**
 * How far ahead of the worker's clock an event's time may be and still be applied: generous, the
 * API already refused times more than EVENT_CLOCK_SKEW_MS ahead of its clock; this only guards
 * the decay math against hosts whose clocks differ.
 */
export const WORKER_SKEW_MS = HOUR_MS;

/** Minute buckets feed only the 1h list: two hours keeps a margin for late events. */
export const MINUTE_BUCKET_RETENTION_MS = 2 * HOUR_MS;

/**
 * How long each time-keyed table keeps its rows, by their time (each table's partitions follow
 * from it, partitionWindow):
 * - minute buckets: MINUTE_BUCKET_RETENTION_MS; older views get no minute bucket at all;
 * - hour buckets feed up to the 30d list: 31 days; the hourly reader facts (engagement,
 *   referrers, campaigns, the site's traffic) feed the stats of the same windows and go with them;
 * - dedup records: the dedup horizon and the skew the API lets an event's time have ahead of its
 *   clock. An event is applied only while its occurredAt is inside the horizon, so a copy is
 *   applied at the latest a horizon after its time, which is at most that skew after its first
 *   copy was counted (the API accepted it before the worker counted it). A record lies in the
 *   partition of its counting epoch, which began at most a span before the record was counted,
 *   and a partition is dropped a spare span after the retention (which also absorbs the clocks
 *   of hosts differing a little): the record outlives every copy that can still be applied;
 * - published lists: RANKING_HISTORY_DAYS.
 */
export function retentionOf(settings: RetentionSettings): Record<TimePartitionedTable, number> {
  const hourly = longestWindowMs + DAY_MS;
  return {
    counted_events: settings.dedupRetentionMs + EVENT_CLOCK_SKEW_MS,
    article_views_minute: MINUTE_BUCKET_RETENTION_MS,
    article_views_hour: hourly,
    article_engagement_hour: hourly,
    article_referrers_hour: hourly,
    article_campaigns_hour: hourly,
    site_traffic_hour: hourly,
    site_engagement_hour: hourly,
    published_lists: settings.historyDays * DAY_MS,
  };
}
