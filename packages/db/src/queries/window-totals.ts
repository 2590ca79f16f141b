import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema/index.ts';

type Trx = Transaction<Database>;
type BucketTable = 'article_views_minute' | 'article_views_hour';

/** Where each window's totals begin (window name → oldest bucket included); absent: not built. */
export async function readWindowHorizons(db: Kysely<Database>): Promise<Map<string, Date>> {
  const rows = await db.selectFrom('window_horizons').select(['window_name', 'from_inclusive']).execute();
  return new Map(rows.map((row) => [row.window_name, row.from_inclusive]));
}

export interface WindowIncrement {
  windowName: string;
  articleId: string;
  views: number;
}

/**
 * Adds views to the window totals in one multi-row upsert, rows sorted by window then article
 * (the caller sorts) so concurrent batches lock rows in one order. Category and publication
 * order come from the article, read in the same statement.
 */
export async function addWindowViews(trx: Trx, rows: readonly WindowIncrement[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into article_window_views as t (window_name, article_id, category_slug, published_sort, views)
    select v.window_name, v.article_id, a.category_slug, a.published_sort, v.views
    from unnest(${rows.map((r) => r.windowName)}::text[], ${rows.map((r) => r.articleId)}::uuid[], ${rows.map((r) => r.views)}::bigint[])
      with ordinality as v(window_name, article_id, views, position)
    join articles a on a.id = v.article_id
    order by v.position
    on conflict (window_name, article_id) do update set views = t.views + excluded.views
  `.execute(trx);
}

/**
 * Moves a window's start from `from` to `to`: the buckets in between leave the totals (forward)
 * or come back (backward, a clock that stepped back). Costs the buckets of that stretch only —
 * one minute or one hour of views per tick — however long the window and the history are.
 * Rows left at zero are deleted, so the table holds only articles viewed inside the windows.
 */
export async function shiftWindow(trx: Trx, windowName: string, table: BucketTable, from: Date, to: Date): Promise<void> {
  const forward = to.getTime() > from.getTime();
  const [lower, upper] = forward ? [from, to] : [to, from];
  const sign = forward ? -1 : 1;
  const changed = await sql<{ article_id: string }>`
    insert into article_window_views as t (window_name, article_id, category_slug, published_sort, views)
    select ${windowName}, d.article_id, a.category_slug, a.published_sort, d.views
    from (
      select article_id, ${sign}::int * sum(views) as views from ${sql.table(table)}
      where bucket_start >= ${lower} and bucket_start < ${upper}
      group by article_id
    ) d join articles a on a.id = d.article_id
    order by d.article_id
    on conflict (window_name, article_id) do update set views = t.views + excluded.views
    returning t.article_id
  `.execute(trx);
  if (changed.rows.length > 0) {
    await sql`delete from article_window_views where window_name = ${windowName} and article_id = any(${changed.rows.map((r) => r.article_id)}::uuid[]) and views <= 0`.execute(
      trx,
    );
  }
  await setHorizon(trx, windowName, to);
}

/** Builds a window's totals from scratch out of its buckets (first start, or a gap too long to shift). */
export async function rebuildWindow(trx: Trx, windowName: string, table: BucketTable, from: Date): Promise<void> {
  await sql`delete from article_window_views where window_name = ${windowName}`.execute(trx);
  await sql`
    insert into article_window_views (window_name, article_id, category_slug, published_sort, views)
    select ${windowName}, d.article_id, a.category_slug, a.published_sort, d.views
    from (select article_id, sum(views) as views from ${sql.table(table)} where bucket_start >= ${from} group by article_id) d
    join articles a on a.id = d.article_id
    where d.views > 0
  `.execute(trx);
  await setHorizon(trx, windowName, from);
}

async function setHorizon(trx: Trx, windowName: string, from: Date): Promise<void> {
  await trx
    .insertInto('window_horizons')
    .values({ window_name: windowName, from_inclusive: from })
    .onConflict((oc) => oc.column('window_name').doUpdateSet({ from_inclusive: from }))
    .execute();
}
