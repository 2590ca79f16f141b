import { sql } from 'kysely';
import type { Db } from '../database.ts';

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

export async function findStatsArticle(db: Db, articleId: string): Promise<StatsArticle | null> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'title', 'url', 'category', 'published_at'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row ? { id: row.id, title: row.title, url: row.url, category: row.category, publishedAt: row.published_at } : null;
}

const hourViews = (rows: { bucket_start: Date; views: number | string }[]): HourViews[] =>
  rows.map((row) => ({ bucketStart: row.bucket_start, views: Number(row.views) }));

/** One article's views per hour in the range, by its (article_id, bucket_start) index: hours without views are absent. */
export async function articleHourlyViews(db: Db, articleId: string, range: HourRange): Promise<HourViews[]> {
  const rows = await db
    .selectFrom('article_views_hour')
    .select(['bucket_start', 'views'])
    .where('article_id', '=', articleId)
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .orderBy('bucket_start')
    .execute();
  return hourViews(rows);
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

export async function articleEngagedMs(db: Db, articleId: string, range: HourRange): Promise<number> {
  const row = await db
    .selectFrom('article_engagement_hour')
    .select(sql<string>`coalesce(sum(engaged_ms), 0)`.as('ms'))
    .where('article_id', '=', articleId)
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .executeTakeFirst();
  return Number(row?.ms ?? 0);
}

export async function articleReferrerViews(db: Db, articleId: string, range: HourRange): Promise<ReferrerViews[]> {
  const rows = await db
    .selectFrom('article_referrers_hour')
    .select(['referrer_class', 'referrer_host', sql<string>`sum(views)`.as('views')])
    .where('article_id', '=', articleId)
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .groupBy(['referrer_class', 'referrer_host'])
    .execute();
  return rows.map((row) => ({ referrerClass: row.referrer_class, referrerHost: row.referrer_host, views: Number(row.views) }));
}

/** The article's campaigns by views, most first. */
export async function articleCampaignViews(db: Db, articleId: string, range: HourRange, limit: number): Promise<CampaignViews[]> {
  const rows = await db
    .selectFrom('article_campaigns_hour')
    .select(['utm_source', 'utm_medium', 'utm_campaign', sql<string>`sum(views)`.as('views')])
    .where('article_id', '=', articleId)
    .where('bucket_start', '>=', range.from)
    .where('bucket_start', '<', range.to)
    .groupBy(['utm_source', 'utm_medium', 'utm_campaign'])
    .orderBy(sql`sum(views)`, 'desc')
    .orderBy('utm_source')
    .orderBy('utm_medium')
    .orderBy('utm_campaign')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ source: row.utm_source, medium: row.utm_medium, campaign: row.utm_campaign, views: Number(row.views) }));
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
