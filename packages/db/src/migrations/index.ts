import type { Migration } from 'kysely/migration';
import * as articlesAndIngestJobs from './2026-11-27T00-00-articles-and-ingest-jobs.ts';
import * as accessCounts from './2026-11-27T01-00-access-counts.ts';
import * as windowTotals from './2026-11-28T00-00-window-totals.ts';
import * as distrustedDates from './2026-12-06T00-00-distrusted-dates.ts';
import * as publishedTimeZone from './2026-12-06T01-00-published-time-zone.ts';
import * as sources from './2026-12-07T00-00-sources.ts';
import * as readerAnalytics from './2026-12-08T00-00-reader-analytics.ts';
import * as timePartitions from './2026-12-08T01-00-time-partitions.ts';
import * as countingEpochs from './2026-12-09T00-00-counting-epochs.ts';
import * as ingestBodyEncoding from './2026-12-10T00-00-ingest-body-encoding.ts';

/** Listed explicitly (not read from disk) so the order is reviewed and bundles stay static. */
export const migrations: Record<string, Migration> = {
  '2026-11-27T00-00-articles-and-ingest-jobs': articlesAndIngestJobs,
  '2026-11-27T01-00-access-counts': accessCounts,
  '2026-11-28T00-00-window-totals': windowTotals,
  '2026-12-06T00-00-distrusted-dates': distrustedDates,
  '2026-12-06T01-00-published-time-zone': publishedTimeZone,
  '2026-12-07T00-00-sources': sources,
  '2026-12-08T00-00-reader-analytics': readerAnalytics,
  '2026-12-08T01-00-time-partitions': timePartitions,
  '2026-12-09T00-00-counting-epochs': countingEpochs,
  '2026-12-10T00-00-ingest-body-encoding': ingestBodyEncoding,
};
