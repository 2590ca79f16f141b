import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema/index.ts';

type Trx = Transaction<Database>;

export interface EventToCount {
  /** uuid-shaped hash of the eventId. */
  eventKey: string;
  articleId: string;
  occurredAt: number;
}

export interface RecordedEvents {
  /** Keys recorded by this call: the only events whose views may be added. */
  countedKeys: Set<string>;
  /** Events naming an article that no longer exists; they are dropped. */
  unknownArticles: number;
}

/**
 * Records events as counted, in one statement, and says which were new. Keys seen before (a
 * retried request, a redelivered job) are skipped by the primary key, so the caller adds views
 * for `countedKeys` only, in the same transaction: the record and the effect commit together.
 * Rows go in key order so that concurrent batches sharing keys wait for each other, never deadlock.
 */
export async function recordNewEvents(trx: Trx, events: readonly EventToCount[]): Promise<RecordedEvents> {
  if (events.length === 0) return { countedKeys: new Set(), unknownArticles: 0 };
  const result = await sql<{ unknown_articles: number; counted_keys: string[] }>`
    with input as (
      select * from unnest(
        ${events.map((e) => e.eventKey)}::uuid[],
        ${events.map((e) => e.articleId)}::uuid[],
        ${events.map((e) => new Date(e.occurredAt).toISOString())}::timestamptz[]
      ) as v(event_key, article_id, occurred_at)
    ),
    known as (
      select input.* from input where exists (select 1 from articles a where a.id = input.article_id)
    ),
    inserted as (
      insert into counted_events (event_key, article_id, occurred_at)
      select event_key, article_id, occurred_at from known order by event_key
      on conflict (event_key) do nothing
      returning event_key
    )
    select
      (select count(*) from input) - (select count(*) from known) as unknown_articles,
      coalesce((select array_agg(event_key::text) from inserted), '{}') as counted_keys
  `.execute(trx);
  const row = result.rows[0];
  return { countedKeys: new Set(row?.counted_keys ?? []), unknownArticles: Number(row?.unknown_articles ?? 0) };
}

export interface BucketIncrement {
  articleId: string;
  bucketStart: Date;
  views: number;
}

/**
 * Adds views to minute or hour buckets with one multi-row upsert. The caller passes rows sorted by
 * article, then bucket (aggregateViews does): every transaction locks rows in that one order.
 */
export async function addViewBuckets(
  trx: Trx,
  table: 'article_views_minute' | 'article_views_hour',
  rows: readonly BucketIncrement[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into ${sql.table(table)} as b (bucket_start, article_id, views)
    select bucket_start, article_id, views from unnest(
      ${rows.map((r) => r.bucketStart.toISOString())}::timestamptz[],
      ${rows.map((r) => r.articleId)}::uuid[],
      ${rows.map((r) => r.views)}::int[]
    ) with ordinality as v(bucket_start, article_id, views, position)
    order by position
    on conflict (bucket_start, article_id) do update set views = b.views + excluded.views
  `.execute(trx);
}

export interface PopularityIncrement {
  articleId: string;
  /** Σ 2^((t − T0)/H) over the new views, against the T0 read in this transaction. */
  increment: number;
  views: number;
  lastViewedAt: Date;
}

/**
 * Adds to each article's forward-decay accumulator and total; rows sorted by article id. A new
 * row copies the article's category and publication order (the per-category lists' index).
 */
export async function addPopularity(trx: Trx, rows: readonly PopularityIncrement[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into article_popularity as p (article_id, accumulator, views, last_viewed_at, category_slug, published_sort)
    select v.article_id, v.accumulator, v.views, v.last_viewed_at, a.category_slug, a.published_sort from unnest(
      ${rows.map((r) => r.articleId)}::uuid[],
      ${rows.map((r) => r.increment)}::float8[],
      ${rows.map((r) => r.views)}::bigint[],
      ${rows.map((r) => r.lastViewedAt.toISOString())}::timestamptz[]
    ) with ordinality as v(article_id, accumulator, views, last_viewed_at, position)
    join articles a on a.id = v.article_id
    order by v.position
    on conflict (article_id) do update set
      accumulator = p.accumulator + excluded.accumulator,
      views = p.views + excluded.views,
      last_viewed_at = greatest(p.last_viewed_at, excluded.last_viewed_at)
  `.execute(trx);
}
