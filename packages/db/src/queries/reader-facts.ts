import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema/index.ts';

type Trx = Transaction<Database>;

export interface EngagementIncrement {
  articleId: string;
  bucketStart: Date;
  engagedMs: number;
  beacons: number;
}

export interface ReferrerIncrement {
  articleId: string;
  bucketStart: Date;
  referrerClass: string;
  /** '' for direct. */
  referrerHost: string;
  views: number;
}

export interface CampaignIncrement {
  articleId: string;
  bucketStart: Date;
  /** '' for a tag the URL did not carry. */
  source: string;
  medium: string;
  campaign: string;
  views: number;
}

export interface SiteTrafficIncrement {
  bucketStart: Date;
  referrerClass: string;
  referrerHost: string;
  views: number;
}

export interface SiteEngagementIncrement {
  bucketStart: Date;
  engagedMs: number;
  beacons: number;
}

/** What one batch of newly counted events adds besides views (readerFactsOf builds it, each list in key order). */
export interface ReaderFacts {
  engagement: EngagementIncrement[];
  referrers: ReferrerIncrement[];
  campaigns: CampaignIncrement[];
  siteTraffic: SiteTrafficIncrement[];
  siteEngagement: SiteEngagementIncrement[];
}

const iso = (rows: readonly { bucketStart: Date }[]) => rows.map((r) => r.bucketStart.toISOString());

/**
 * Adds a batch's reader facts, in the transaction that records its events. Every list arrives
 * sorted by its key, so concurrent batches lock rows in one order; the site's rows, which every
 * batch touches, come last, to be held for as short a time as possible.
 */
export async function addReaderFacts(trx: Trx, facts: ReaderFacts): Promise<void> {
  const { engagement, referrers, campaigns, siteTraffic, siteEngagement } = facts;
  if (engagement.length > 0) {
    await sql`
      insert into article_engagement_hour as t (article_id, bucket_start, engaged_ms, beacons)
      select article_id, bucket_start, engaged_ms, beacons from unnest(
        ${engagement.map((r) => r.articleId)}::uuid[], ${iso(engagement)}::timestamptz[],
        ${engagement.map((r) => r.engagedMs)}::bigint[], ${engagement.map((r) => r.beacons)}::int[]
      ) with ordinality as v(article_id, bucket_start, engaged_ms, beacons, position)
      order by position
      on conflict (article_id, bucket_start) do update set engaged_ms = t.engaged_ms + excluded.engaged_ms, beacons = t.beacons + excluded.beacons
    `.execute(trx);
  }
  if (referrers.length > 0) {
    await sql`
      insert into article_referrers_hour as t (article_id, bucket_start, referrer_class, referrer_host, views)
      select article_id, bucket_start, referrer_class, referrer_host, views from unnest(
        ${referrers.map((r) => r.articleId)}::uuid[], ${iso(referrers)}::timestamptz[],
        ${referrers.map((r) => r.referrerClass)}::text[], ${referrers.map((r) => r.referrerHost)}::text[],
        ${referrers.map((r) => r.views)}::int[]
      ) with ordinality as v(article_id, bucket_start, referrer_class, referrer_host, views, position)
      order by position
      on conflict (article_id, bucket_start, referrer_class, referrer_host) do update set views = t.views + excluded.views
    `.execute(trx);
  }
  if (campaigns.length > 0) {
    await sql`
      insert into article_campaigns_hour as t (article_id, bucket_start, utm_source, utm_medium, utm_campaign, views)
      select article_id, bucket_start, utm_source, utm_medium, utm_campaign, views from unnest(
        ${campaigns.map((r) => r.articleId)}::uuid[], ${iso(campaigns)}::timestamptz[],
        ${campaigns.map((r) => r.source)}::text[], ${campaigns.map((r) => r.medium)}::text[],
        ${campaigns.map((r) => r.campaign)}::text[], ${campaigns.map((r) => r.views)}::int[]
      ) with ordinality as v(article_id, bucket_start, utm_source, utm_medium, utm_campaign, views, position)
      order by position
      on conflict (article_id, bucket_start, utm_source, utm_medium, utm_campaign) do update set views = t.views + excluded.views
    `.execute(trx);
  }
  if (siteTraffic.length > 0) {
    await sql`
      insert into site_traffic_hour as t (bucket_start, referrer_class, referrer_host, views)
      select bucket_start, referrer_class, referrer_host, views from unnest(
        ${iso(siteTraffic)}::timestamptz[], ${siteTraffic.map((r) => r.referrerClass)}::text[],
        ${siteTraffic.map((r) => r.referrerHost)}::text[], ${siteTraffic.map((r) => r.views)}::bigint[]
      ) with ordinality as v(bucket_start, referrer_class, referrer_host, views, position)
      order by position
      on conflict (bucket_start, referrer_class, referrer_host) do update set views = t.views + excluded.views
    `.execute(trx);
  }
  if (siteEngagement.length > 0) {
    await sql`
      insert into site_engagement_hour as t (bucket_start, engaged_ms, beacons)
      select bucket_start, engaged_ms, beacons from unnest(
        ${iso(siteEngagement)}::timestamptz[], ${siteEngagement.map((r) => r.engagedMs)}::bigint[],
        ${siteEngagement.map((r) => r.beacons)}::bigint[]
      ) with ordinality as v(bucket_start, engaged_ms, beacons, position)
      order by position
      on conflict (bucket_start) do update set engaged_ms = t.engaged_ms + excluded.engaged_ms, beacons = t.beacons + excluded.beacons
    `.execute(trx);
  }
}
