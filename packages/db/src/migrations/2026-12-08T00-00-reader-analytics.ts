import { sql, type Kysely } from 'kysely';

/**
 * Hourly facts about readers beside the view buckets: engaged time, referrers, campaigns, the
 * site's own totals, and the best rank each article reached. Per-article tables lead with the
 * article (a stats request reads one article's hours); a BRIN index on the hour serves retention
 * and the export, which read time ranges, and costs next to nothing to keep up.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A stats request reads one article's hours; the primary key leads with the hour.
  await sql`create index article_views_hour_article_idx on article_views_hour (article_id, bucket_start)`.execute(db);

  await sql`
    create table article_engagement_hour (
      article_id uuid not null,
      bucket_start timestamptz not null,
      engaged_ms bigint not null,
      beacons integer not null,
      primary key (article_id, bucket_start)
    )
  `.execute(db);
  // '' stands for no host (direct) and no utm value: a primary key cannot hold nulls.
  await sql`
    create table article_referrers_hour (
      article_id uuid not null,
      bucket_start timestamptz not null,
      referrer_class text not null,
      referrer_host text not null,
      views integer not null,
      primary key (article_id, bucket_start, referrer_class, referrer_host)
    )
  `.execute(db);
  await sql`
    create table article_campaigns_hour (
      article_id uuid not null,
      bucket_start timestamptz not null,
      utm_source text not null,
      utm_medium text not null,
      utm_campaign text not null,
      views integer not null,
      primary key (article_id, bucket_start, utm_source, utm_medium, utm_campaign)
    )
  `.execute(db);
  await sql`
    create table site_traffic_hour (
      bucket_start timestamptz not null,
      referrer_class text not null,
      referrer_host text not null,
      views bigint not null,
      primary key (bucket_start, referrer_class, referrer_host)
    )
  `.execute(db);
  await sql`
    create table site_engagement_hour (
      bucket_start timestamptz primary key,
      engaged_ms bigint not null,
      beacons bigint not null
    )
  `.execute(db);
  for (const table of ['article_engagement_hour', 'article_referrers_hour', 'article_campaigns_hour']) {
    await sql`create index ${sql.raw(`${table}_bucket_brin`)} on ${sql.table(table)} using brin (bucket_start)`.execute(db);
  }

  await sql`
    create table article_best_ranks (
      article_id uuid not null,
      window_name text not null,
      best_rank integer not null,
      reached_at timestamptz not null,
      primary key (article_id, window_name)
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'article_best_ranks',
    'site_engagement_hour',
    'site_traffic_hour',
    'article_campaigns_hour',
    'article_referrers_hour',
    'article_engagement_hour',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop index article_views_hour_article_idx`.execute(db);
}
