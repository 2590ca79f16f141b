import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema/index.ts';
import { COUNTING_EPOCH_LOCK } from './counting-epoch.ts';

type Trx = Transaction<Database>;

export interface EventToCount {
  /** uuid-shaped hash of the eventId. */
  eventKey: string;
  articleId: string;
}

export interface RecordedEvents {
  /** Events this call recorded: the only ones whose views may be added. */
  counted: number;
  /**
   * The keys it did not record (recorded before, or by a batch at the same time, or naming an
   * article that no longer exists): every other key given was recorded. Usually few, so the
   * answer stays small however large the batch.
   */
  skippedKeys: Set<string>;
  /** Events naming an article that no longer exists; they are dropped. */
  unknownArticles: number;
  /** The counting epoch the records went under. */
  epochMs: number;
}

/**
 * Records events as counted and says which were new; the caller adds views for the keys not in
 * `skippedKeys` only, in the same transaction: the record and the effect commit together.
 *
 * A key is new if no partition holds it and no batch recording at the same time holds it:
 * - Copies of one eventId may carry different times (a client resending an event without
 *   occurredAt: each copy is stamped with its own receipt time), so the records are not placed by
 *   the event's time but by the counting epoch (counting-epoch.ts), and the batch's keys are
 *   looked up in every partition's index in one scan: that finds every copy committed before.
 * - A copy another batch has recorded but not committed is invisible to that lookup. Both
 *   batches write under the same epoch, though (the one that moves the epoch on waits for the
 *   batches under the old one), so both insert into one partition, whose unique index makes the
 *   second wait for the first to commit and then skip the key (ON CONFLICT DO NOTHING). Keys are
 *   inserted in one order (sorted), so two batches sharing several keys cannot deadlock.
 * Batches thus record side by side and wait for each other only on a key they share.
 *
 * The shared epoch lock comes first, in its own statement: a statement sees what committed before
 * it began, and this one must begin after any epoch move it waited for.
 */
export async function recordNewEvents(trx: Trx, events: readonly EventToCount[]): Promise<RecordedEvents> {
  await sql`select pg_advisory_xact_lock_shared(${COUNTING_EPOCH_LOCK})`.execute(trx);
  const result = await sql<{ unknown_articles: number; counted: number; skipped_keys: string[]; epoch_ms: number }>`
    with epoch as (
      select epoch from counted_events_epoch
    ),
    input as (
      select distinct on (event_key) * from unnest(
        ${events.map((e) => e.eventKey)}::uuid[],
        ${events.map((e) => e.articleId)}::uuid[]
      ) as v(event_key, article_id)
      order by event_key
    ),
    -- Each article looked up once, not once per event: a batch holds many views of few articles.
    present as (
      select a.id from articles a where a.id = any(array(select distinct article_id from input))
    ),
    known as (
      select input.* from input where input.article_id in (select id from present)
    ),
    seen as (
      select distinct event_key from counted_events where event_key = any(array(select event_key from known))
    ),
    fresh as (
      select known.* from known where not exists (select 1 from seen where seen.event_key = known.event_key)
    ),
    inserted as (
      insert into counted_events (event_key, counted_at)
      select event_key, (select epoch from epoch) from fresh order by event_key
      on conflict (event_key, counted_at) do nothing
      returning event_key
    )
    select
      (select count(*) from input) - (select count(*) from known) as unknown_articles,
      (select count(*) from inserted)::int as counted,
      coalesce((select array_agg(event_key::text) from input where not exists (select 1 from inserted where inserted.event_key = input.event_key)), '{}')
        as skipped_keys,
      (select extract(epoch from epoch) * 1000 from epoch)::float8 as epoch_ms
  `.execute(trx);
  const row = result.rows[0];
  return {
    counted: Number(row?.counted ?? 0),
    skippedKeys: new Set(row?.skipped_keys ?? []),
    unknownArticles: Number(row?.unknown_articles ?? 0),
    epochMs: Number(row?.epoch_ms),
  };
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
