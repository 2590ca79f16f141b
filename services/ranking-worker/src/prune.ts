import {
  deleteBestRanksBefore,
  deleteCountedEventsBefore,
  deleteHourlyFactsBefore,
  deletePublishedListsBefore,
  deleteViewBucketsBefore,
  thinPublishedLists,
  type Db,
  type HourlyFactsTable,
} from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import { longestWindowMs } from '@newsrank/ranking';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BATCH_ROWS = 10_000;
/** Batches per kind per run: a backlog is worked off over several runs instead of one long one. */
const MAX_BATCHES = 50;

export interface RetentionSettings {
  dedupRetentionMs: number;
  historyDays: number;
}

/**
 * How long each kind of row is needed:
 * - minute buckets feed only the 1h list: two hours keeps a margin for late events;
 * - hour buckets feed up to the 30d list: 31 days; the hourly reader facts (engagement, referrers,
 *   campaigns, the site's traffic) feed the stats of the same windows and go with them, and so do
 *   best ranks reached before then (no window reaches back to them);
 * - dedup records: the dedup horizon plus an hour (events up to a minute ahead are accepted,
 *   and counted_at can trail the event a little), so every event still accepted has its record;
 * - published lists: RANKING_HISTORY_DAYS, thinned to the last version of each minute after an hour.
 */
export function retentionCutoffs(nowMs: number, settings: RetentionSettings) {
  return {
    minuteBuckets: new Date(nowMs - 2 * HOUR_MS),
    hourBuckets: new Date(nowMs - longestWindowMs - DAY_MS),
    countedEvents: new Date(nowMs - settings.dedupRetentionMs - HOUR_MS),
    publishedLists: new Date(nowMs - settings.historyDays * DAY_MS),
    fullHistory: new Date(nowMs - HOUR_MS),
  };
}

async function inBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < BATCH_ROWS) break;
  }
  return total;
}

const HOURLY_FACTS = {
  engagementHours: 'article_engagement_hour',
  referrerHours: 'article_referrers_hour',
  campaignHours: 'article_campaigns_hour',
  siteTrafficHours: 'site_traffic_hour',
  siteEngagementHours: 'site_engagement_hour',
} as const satisfies Record<string, HourlyFactsTable>;

async function hourlyFacts(db: Db, before: Date) {
  const removed = {} as Record<keyof typeof HOURLY_FACTS, number>;
  for (const [kind, table] of Object.entries(HOURLY_FACTS) as [keyof typeof HOURLY_FACTS, HourlyFactsTable][])
    removed[kind] = await inBatches(() => deleteHourlyFactsBefore(db, table, before, BATCH_ROWS));
  return removed;
}

/** One retention pass; each kind is deleted in bounded batches. */
export async function pruneRankingData(db: Db, settings: RetentionSettings, logger: Logger, nowMs = Date.now()) {
  const cutoff = retentionCutoffs(nowMs, settings);
  const removed = {
    minuteBuckets: await inBatches(() => deleteViewBucketsBefore(db, 'article_views_minute', cutoff.minuteBuckets, BATCH_ROWS)),
    hourBuckets: await inBatches(() => deleteViewBucketsBefore(db, 'article_views_hour', cutoff.hourBuckets, BATCH_ROWS)),
    ...(await hourlyFacts(db, cutoff.hourBuckets)),
    bestRanks: await inBatches(() => deleteBestRanksBefore(db, cutoff.hourBuckets, BATCH_ROWS)),
    countedEvents: await inBatches(() => deleteCountedEventsBefore(db, cutoff.countedEvents, BATCH_ROWS)),
    publishedLists: await inBatches(() => deletePublishedListsBefore(db, cutoff.publishedLists, BATCH_ROWS)),
    thinnedVersions: await inBatches(() => thinPublishedLists(db, cutoff.fullHistory, BATCH_ROWS)),
  };
  logger.info({ removed }, 'ranking data pruned');
  return removed;
}
