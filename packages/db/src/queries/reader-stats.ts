import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { STATS_WINDOWS, type StatsWindow } from '@newsrank/wire';
import type { Db } from '../database.ts';
import { preparedStatement } from '../prepared-statements.ts';

/** A half-open time range [from, to) of whole hours. */
export interface HourRange {
  from: Date;
  to: Date;
}

export interface HourViews {
  bucketStart: Date;
  views: number;
}

export interface ReferrerViews {
  referrerClass: string;
  referrerHost: string;
  views: number;
}

export interface CampaignViews {
  source: string;
  medium: string;
  campaign: string;
  views: number;
}

/** An article as its stats name it. */
export interface StatsArticle {
  id: string;
  title: string;
  url: string | null;
  category: string | null;
  publishedAt: Date | null;
}

/** Everything one article's stats read from PostgreSQL over a range. */
export interface ArticleReaderFacts {
  article: StatsArticle;
  /** Views per hour, oldest first; hours without views are absent. */
  hours: HourViews[];
  engagedMs: number;
  referrers: ReferrerViews[];
  /** The article's campaigns by views, most first, at most `campaignLimit`. */
  campaigns: CampaignViews[];
  /** The best rank it reached in the window's site-wide ranking, or null if it was never in it. */
  bestRank: number | null;
}

interface ArticleReaderFactsRow {
  id: string;
  title: string;
  url: string | null;
  category: string | null;
  published_at: Date | null;
  hours: [number, number][];
  engaged_ms: string;
  referrers: [string, string, number][];
  campaigns: [string, string, string, number][];
  best_rank: number | null;
}

const hourViews = (rows: { bucket_start: Date; views: number | string }[]): HourViews[] =>
  rows.map((row) => ({ bucketStart: row.bucket_start, views: Number(row.views) }));

/** Whose rows an hour table's part of the statement reads: the article's, in the range ($2, $3). */
const inRange = (alias: string) => `${alias}.article_id = a.id and ${alias}.bucket_start >= $2 and ${alias}.bucket_start < $3`;

/**
 * The statement of one window: $1 the article, [$2, $3) the range, $4 the campaign limit. It is
 * sent as a prepared statement: planning it over the partitions of four tables took PostgreSQL
 * longer than running it. The window's name is written into the text, so each window is a
 * statement of its own whose plans the plan cache weighs apart: a 30d range reaches every
 * partition anyway, a generic plan is priced no higher and is kept; for 24h and 7d the planner
 * prices a generic plan over every partition and keeps planning for each call's range.
 */
function factsStatement(windowName: string): string {
  return preparedStatement(`
    select a.id, a.title, a.url, a.category, a.published_at,
      (select coalesce(json_agg(json_build_array((extract(epoch from h.bucket_start) * 1000)::bigint, h.views) order by h.bucket_start), '[]')
        from article_views_hour h where ${inRange('h')}) as hours,
      (select coalesce(sum(e.engaged_ms), 0) from article_engagement_hour e where ${inRange('e')}) as engaged_ms,
      (select coalesce(json_agg(json_build_array(r.referrer_class, r.referrer_host, r.views)), '[]') from (
        select referrer_class, referrer_host, sum(views) as views from article_referrers_hour r
        where ${inRange('r')} group by referrer_class, referrer_host
      ) r) as referrers,
      (select coalesce(json_agg(json_build_array(c.utm_source, c.utm_medium, c.utm_campaign, c.views) order by c.views desc, c.utm_source, c.utm_medium, c.utm_campaign), '[]') from (
        select utm_source, utm_medium, utm_campaign, sum(views) as views from article_campaigns_hour c
        where ${inRange('c')} group by utm_source, utm_medium, utm_campaign
        order by sum(views) desc, utm_source, utm_medium, utm_campaign limit $4
      ) c) as campaigns,
      (select b.best_rank from article_best_ranks b where b.article_id = a.id and b.window_name = ${pg.escapeLiteral(windowName)}) as best_rank
    from articles a where a.id = $1
  `);
}

const factsStatements = new Map(STATS_WINDOWS.map((window) => [window, factsStatement(window)]));

/**
 * One article's hourly facts over a range, in one statement: each part is an index range read
 * of a table whose key leads with the article (the hour buckets by their (article_id,
 * bucket_start) index), so the cost follows the article's own rows, never the table's. One
 * statement instead of six: on a busy api the round trips, not the reads, were the time.
 * Null when there is no such article.
 */
export async function articleReaderFacts(
  db: Db,
  articleId: string,
  windowName: StatsWindow,
  range: HourRange,
  campaignLimit: number,
): Promise<ArticleReaderFacts | null> {
  const statement = factsStatements.get(windowName);
  if (statement === undefined) throw new Error(`no stats window ${String(windowName)}`);
  const { rows } = await db.executeQuery<ArticleReaderFactsRow>(
    CompiledQuery.raw(statement, [articleId, range.from, range.to, campaignLimit]),
  );
  const row = rows[0];
  if (!row) return null;
  return {
    article: { id: row.id, title: row.title, url: row.url, category: row.category, publishedAt: row.published_at },
    hours: row.hours.map(([ms, views]) => ({ bucketStart: new Date(Number(ms)), views: Number(views) })),
    engagedMs: Number(row.engaged_ms),
    referrers: row.referrers.map(([referrerClass, referrerHost, views]) => ({ referrerClass, referrerHost, views: Number(views) })),
    campaigns: row.campaigns.map(([source, medium, campaign, views]) => ({ source, medium, campaign, views: Number(views) })),
    bestRank: row.best_rank,
  };
}

/** Several articles' views per hour (the dashboard's sparklines), in one statement. */
export async function hourlyViewsOfArticles(db: Db, articleIds: readonly string[], range: HourRange): Promise<Map<string, HourViews[]>> {
  const byArticle = new Map<string, HourViews[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return byArticle;
  const rows = await db
    .selectFrom('article_views_hour')
    .select(['article_id', 'bucket_start', 'views'])
    .where('article_id', 'in', [...articleIds])
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .orderBy('article_id')
    .orderBy('bucket_start')
    .execute();
  for (const row of rows) byArticle.get(row.article_id)?.push({ bucketStart: row.bucket_start, views: Number(row.views) });
  return byArticle;
}

/** The whole site's views per hour, from its own hourly rows (never a scan over articles). */
export async function siteHourlyViews(db: Db, range: HourRange): Promise<HourViews[]> {
  const rows = await db
    .selectFrom('site_traffic_hour')
    .select(['bucket_start', sql<string>`sum(views)`.as('views')])
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .groupBy('bucket_start')
    .orderBy('bucket_start')
    .execute();
  return hourViews(rows);
}

export async function siteReferrerViews(db: Db, range: HourRange): Promise<ReferrerViews[]> {
  const rows = await db
    .selectFrom('site_traffic_hour')
    .select(['referrer_class', 'referrer_host', sql<string>`sum(views)`.as('views')])
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .groupBy(['referrer_class', 'referrer_host'])
    .execute();
  return rows.map((row) => ({ referrerClass: row.referrer_class, referrerHost: row.referrer_host, views: Number(row.views) }));
}

export async function siteEngagedMs(db: Db, range: HourRange): Promise<number> {
  const row = await db
    .selectFrom('site_engagement_hour')
    .select(sql<string>`coalesce(sum(engaged_ms), 0)`.as('ms'))
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .executeTakeFirst();
  return Number(row?.ms ?? 0);
}

/** One row of the export: one article's views and engaged time on one UTC day. */
export interface DailyArticleRow {
  day: Date;
  articleId: string;
  title: string;
  category: string | null;
  views: number;
  engagedMs: number;
}

/**
 * One page of the export for one UTC day: articles viewed that day, after `afterId` in id
 * order. The day's hours are read by the hour buckets' primary key (it leads with the hour),
 * so a page costs the day's rows up to the page, never the whole table.
 */
export async function dailyArticleRows(
  db: Db,
  day: Date,
  options: { afterId: string | null; limit: number; categorySlug: string | null },
): Promise<DailyArticleRow[]> {
  const dayEnd = new Date(day.getTime() + 86_400_000);
  const rows = await sql<{ article_id: string; title: string; category: string | null; views: string; engaged_ms: string }>`
    with viewed as (
      select article_id, sum(views) as views from article_views_hour
      where bucket_start >= ${day} and bucket_start < ${dayEnd}
        and (${options.afterId}::uuid is null or article_id > ${options.afterId}::uuid)
      group by article_id
    )
    select a.id::text as article_id, a.title, a.category, v.views,
      coalesce((select sum(e.engaged_ms) from article_engagement_hour e
        where e.article_id = v.article_id and e.bucket_start >= ${day} and e.bucket_start < ${dayEnd}), 0) as engaged_ms
    from viewed v join articles a on a.id = v.article_id
    where ${options.categorySlug}::text is null or a.category_slug = ${options.categorySlug}
    order by v.article_id
    limit ${options.limit}
  `.execute(db);
  return rows.rows.map((row) => ({
    day,
    articleId: row.article_id,
    title: row.title,
    category: row.category,
    views: Number(row.views),
    engagedMs: Number(row.engaged_ms),
  }));
}
