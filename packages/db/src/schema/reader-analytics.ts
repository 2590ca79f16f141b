import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type BigCount = ColumnType<string, number | bigint | string, number | bigint | string>;

/** Engaged time reported for one article in one UTC hour. */
export interface ArticleEngagementHourTable {
  article_id: string;
  bucket_start: Timestamp;
  engaged_ms: BigCount;
  beacons: number;
}

/** Views of one article in one hour by referrer class and host ('' for direct). */
export interface ArticleReferrersHourTable {
  article_id: string;
  bucket_start: Timestamp;
  referrer_class: string;
  referrer_host: string;
  views: number;
}

/** Views of one article in one hour by utm_source / utm_medium / utm_campaign ('' for a missing one). */
export interface ArticleCampaignsHourTable {
  article_id: string;
  bucket_start: Timestamp;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  views: number;
}

/** Views of the whole site in one hour by referrer class and host. */
export interface SiteTrafficHourTable {
  bucket_start: Timestamp;
  referrer_class: string;
  referrer_host: string;
  views: BigCount;
}

export interface SiteEngagementHourTable {
  bucket_start: Timestamp;
  engaged_ms: BigCount;
  beacons: BigCount;
}

/** The best rank an article reached in the site-wide access ranking of one window. */
export interface ArticleBestRanksTable {
  article_id: string;
  window_name: string;
  best_rank: number;
  reached_at: Timestamp;
}
