import type { ArticleKeysTable, ArticlesTable } from './articles.ts';
import type { IngestJobChunksTable, IngestJobsTable } from './ingest-jobs.ts';
import type { SourcesTable } from './sources.ts';
import type {
  ArticleBestRanksTable,
  ArticleCampaignsHourTable,
  ArticleEngagementHourTable,
  ArticleReferrersHourTable,
  SiteEngagementHourTable,
  SiteTrafficHourTable,
} from './reader-analytics.ts';
import type {
  ArticlePopularityTable,
  ArticleViewBucketsTable,
  ArticleWindowViewsTable,
  CountedEventsTable,
  CountedEventsEpochTable,
  PopularityLandmarkTable,
  PublishedListsTable,
  WindowHorizonsTable,
} from './access-counts.ts';

export interface Database {
  articles: ArticlesTable;
  article_keys: ArticleKeysTable;
  ingest_jobs: IngestJobsTable;
  ingest_job_chunks: IngestJobChunksTable;
  counted_events: CountedEventsTable;
  counted_events_epoch: CountedEventsEpochTable;
  article_views_minute: ArticleViewBucketsTable;
  article_views_hour: ArticleViewBucketsTable;
  article_popularity: ArticlePopularityTable;
  popularity_landmark: PopularityLandmarkTable;
  published_lists: PublishedListsTable;
  article_window_views: ArticleWindowViewsTable;
  window_horizons: WindowHorizonsTable;
  sources: SourcesTable;
  article_engagement_hour: ArticleEngagementHourTable;
  article_referrers_hour: ArticleReferrersHourTable;
  article_campaigns_hour: ArticleCampaignsHourTable;
  site_traffic_hour: SiteTrafficHourTable;
  site_engagement_hour: SiteEngagementHourTable;
  article_best_ranks: ArticleBestRanksTable;
}

export type * from './articles.ts';
export type * from './ingest-jobs.ts';
export type * from './access-counts.ts';
export type * from './sources.ts';
export type * from './reader-analytics.ts';
export { SOURCE_STATUSES } from './sources.ts';
export { INGEST_JOB_STATUSES } from './ingest-jobs.ts';
