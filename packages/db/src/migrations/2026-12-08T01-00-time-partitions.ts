import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Conversion {
  table: string;
  column: string;
  /** Columns kept, in order (counted_events loses two). */
  columns: string;
  /** Partition length, as the ranking worker picks it for the default settings. */
  spanMs: number;
  /** How far back of now partitions are made even without rows: every time a write may still carry. */
  backMs: number;
  /** The keys and indexes, built once the rows are in (faster than keeping them up while copying). */
  indexes: string[];
}

const brin = (table: string) => `create index ${table}_bucket_brin on ${table} using brin (bucket_start)`;

const CONVERSIONS: Conversion[] = [
  {
    // The dedup records keep the key and the time that places them; nothing read the article or
    // the time of counting (retention now goes by the event's time).
    table: 'counted_events',
    column: 'occurred_at',
    columns: 'event_key, occurred_at',
    spanMs: DAY,
    backMs: 8 * DAY,
    indexes: ['create index counted_events_key_idx on counted_events (event_key)'],
  },
  {
    table: 'article_views_minute',
    column: 'bucket_start',
    columns: 'bucket_start, article_id, views',
    spanMs: 15 * MINUTE,
    backMs: 3 * HOUR,
    indexes: ['alter table article_views_minute add constraint article_views_minute_pk primary key (bucket_start, article_id)'],
  },
  {
    table: 'article_views_hour',
    column: 'bucket_start',
    columns: 'bucket_start, article_id, views',
    spanMs: 7 * DAY,
    backMs: 32 * DAY,
    indexes: [
      'alter table article_views_hour add constraint article_views_hour_pk primary key (bucket_start, article_id)',
      'create index article_views_hour_article_idx on article_views_hour (article_id, bucket_start)',
    ],
  },
  {
    table: 'article_engagement_hour',
    column: 'bucket_start',
    columns: 'article_id, bucket_start, engaged_ms, beacons',
    spanMs: 7 * DAY,
    backMs: 32 * DAY,
    indexes: [
      'alter table article_engagement_hour add constraint article_engagement_hour_pkey primary key (article_id, bucket_start)',
      brin('article_engagement_hour'),
    ],
  },
  {
    table: 'article_referrers_hour',
    column: 'bucket_start',
    columns: 'article_id, bucket_start, referrer_class, referrer_host, views',
    spanMs: 7 * DAY,
    backMs: 32 * DAY,
    indexes: [
      'alter table article_referrers_hour add constraint article_referrers_hour_pkey primary key (article_id, bucket_start, referrer_class, referrer_host)',
      brin('article_referrers_hour'),
    ],
  },
  {
    table: 'article_campaigns_hour',
    column: 'bucket_start',
    columns: 'article_id, bucket_start, utm_source, utm_medium, utm_campaign, views',
    spanMs: 7 * DAY,
    backMs: 32 * DAY,
    indexes: [
      'alter table article_campaigns_hour add constraint article_campaigns_hour_pkey primary key (article_id, bucket_start, utm_source, utm_medium, utm_campaign)',
      brin('article_campaigns_hour'),
    ],
  },
  {
    table: 'site_traffic_hour',
    column: 'bucket_start',
    columns: 'bucket_start, referrer_class, referrer_host, views',
    spanMs: 7 * DAY,
    backMs: 32 * DAY,
    indexes: [
      'alter table site_traffic_hour add constraint site_traffic_hour_pkey primary key (bucket_start, referrer_class, referrer_host)',
    ],
  },
  {
    table: 'site_engagement_hour',
    column: 'bucket_start',
    columns: 'bucket_start, engaged_ms, beacons',
    spanMs: 7 * DAY,
    backMs: 32 * DAY,
    indexes: ['alter table site_engagement_hour add constraint site_engagement_hour_pkey primary key (bucket_start)'],
  },
  {
    table: 'published_lists',
    column: 'generated_at',
    columns: 'list_key, generated_at, etag, payload',
    spanMs: DAY,
    backMs: 8 * DAY,
    indexes: [
      'alter table published_lists add constraint published_lists_pk primary key (list_key, generated_at)',
      'create index published_lists_generated_at_idx on published_lists (generated_at)',
    ],
  },
];

const AHEAD_MS = 2 * HOUR;

function partitionName(table: string, fromMs: number): string {
  const iso = new Date(fromMs).toISOString();
  return `${table}_p${iso.slice(0, 10).replaceAll('-', '')}t${iso.slice(11, 16).replace(':', '')}`;
}

/**
 * Rebuilds each time-keyed table as one partitioned by range of its time, every row copied over:
 * a partition for every span from `backMs` ago to two hours ahead (or to the newest row), and
 * one more for any rows older than that. No DEFAULT partition: DETACH … CONCURRENTLY (how retention drops partitions) refuses
 * to run beside one. From here on the ranking worker creates partitions ahead and drops expired ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const nowMs = Date.now();
  for (const c of CONVERSIONS) {
    const staging = `${c.table}__partitioned`;
    const { rows } = await sql<{ oldest_ms: number | null; newest_ms: number | null }>`
      select (extract(epoch from min(${sql.ref(c.column)})) * 1000)::float8 as oldest_ms,
             (extract(epoch from max(${sql.ref(c.column)})) * 1000)::float8 as newest_ms
      from ${sql.table(c.table)}
    `.execute(db);
    const floor = (ms: number) => Math.floor(ms / c.spanMs) * c.spanMs;
    const first = floor(nowMs - c.backMs);
    const last = Math.max(floor(nowMs + AHEAD_MS), floor(rows[0]?.newest_ms ?? 0));
    const ranges: [number, number][] = [];
    // Rows older than any write can still carry: one partition, dropped whole by the first pruning pass past it.
    const oldest = rows[0]?.oldest_ms;
    if (oldest !== null && oldest !== undefined && oldest < first) ranges.push([floor(oldest), first]);
    for (let at = first; at <= last; at += c.spanMs) ranges.push([at, at + c.spanMs]);

    await sql`create table ${sql.table(staging)} (like ${sql.table(c.table)} including defaults) partition by range (${sql.ref(c.column)})`.execute(
      db,
    );
    for (const column of ['article_id', 'counted_at'].filter(() => c.table === 'counted_events')) {
      await sql`alter table ${sql.table(staging)} drop column ${sql.ref(column)}`.execute(db);
    }
    for (const [fromMs, toMs] of ranges) {
      await sql`
        create table ${sql.table(partitionName(c.table, fromMs))} partition of ${sql.table(staging)}
        for values from (${sql.lit(new Date(fromMs).toISOString())}) to (${sql.lit(new Date(toMs).toISOString())})
      `.execute(db);
    }
    await sql`insert into ${sql.table(staging)} (${sql.raw(c.columns)}) select ${sql.raw(c.columns)} from ${sql.table(c.table)}`.execute(
      db,
    );
    await sql`drop table ${sql.table(c.table)}`.execute(db);
    await sql`alter table ${sql.table(staging)} rename to ${sql.table(c.table)}`.execute(db);
    for (const statement of c.indexes) await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  // The dedup records no longer hold the article of each event: the old table cannot be rebuilt.
  throw new Error('2026-12-08T01-00-time-partitions cannot be undone: counted_events keeps no article ids any more');
}
