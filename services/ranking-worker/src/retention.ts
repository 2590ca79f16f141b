import type { TimePartitionedTable } from '@newsrank/db';
import { longestWindowMs } from '@newsrank/ranking';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RetentionSettings {
  /** EVENT_DEDUP_RETENTION: the dedup horizon. */
  dedupRetentionMs: number;
  /** RANKING_HISTORY_DAYS. */
  historyDays: number;
}

/** Minute buckets feed only the 1h list: two hours keeps a margin for late events. */
export const MINUTE_BUCKET_RETENTION_MS = 2 * HOUR_MS;

/**
 * How long each time-keyed table keeps its rows, by their time (each table's partitions follow
 * from it, partitionWindow):
 * - minute buckets: MINUTE_BUCKET_RETENTION_MS; older views get no minute bucket at all;
 * - hour buckets feed up to the 30d list: 31 days; the hourly reader facts (engagement,
 *   referrers, campaigns, the site's traffic) feed the stats of the same windows and go with them;
 * - dedup records: the dedup horizon: an event is applied only while its occurredAt is inside
 *   it, and so are the copies a retry can still be checked against (their partitions are
 *   dropped a spare span later still, which absorbs the clocks of replicas differing a little);
 * - published lists: RANKING_HISTORY_DAYS.
 */
export function retentionOf(settings: RetentionSettings): Record<TimePartitionedTable, number> {
  const hourly = longestWindowMs + DAY_MS;
  return {
    counted_events: settings.dedupRetentionMs,
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
