import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // Views per article inside each ranking window, kept current as views are applied and as
  // buckets leave the window, so a list is an index scan of its top rows rather than a sum over
  // every bucket of the window. Category and publication order are copied in (and kept in step
  // by the trigger below) so each list, site-wide or per category, reads in index order.
  await db.schema
    .createTable('article_window_views')
    .addColumn('window_name', 'text', (col) => col.notNull())
    .addColumn('article_id', 'uuid', (col) => col.notNull())
    .addColumn('category_slug', 'text')
    .addColumn('published_sort', 'timestamptz', (col) => col.notNull())
    .addColumn('views', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('article_window_views_pk', ['window_name', 'article_id'])
    .execute();
  await sql`create index article_window_views_top_idx on article_window_views (window_name, views desc, published_sort desc, article_id)`.execute(
    db,
  );
  await sql`create index article_window_views_category_top_idx on article_window_views (window_name, category_slug, views desc, published_sort desc, article_id)`.execute(
    db,
  );

  // The oldest bucket each window's totals include. No row: the totals are not built yet (the
  // publisher builds them from the buckets at its next tick).
  await db.schema
    .createTable('window_horizons')
    .addColumn('window_name', 'text', (col) => col.primaryKey())
    .addColumn('from_inclusive', 'timestamptz', (col) => col.notNull())
    .execute();

  // The same for the popular lists: ordered per category by accumulator in the index.
  await db.schema.alterTable('article_popularity').addColumn('category_slug', 'text').addColumn('published_sort', 'timestamptz').execute();
  await sql`
    update article_popularity p set category_slug = a.category_slug, published_sort = a.published_sort
    from articles a where a.id = p.article_id
  `.execute(db);
  await sql`create index article_popularity_category_top_idx on article_popularity (category_slug, accumulator desc, published_sort desc, article_id)`.execute(
    db,
  );

  // An article whose category or publication time changes (an updated story) moves in every list.
  await sql`
    create function article_list_fields_changed() returns trigger language plpgsql as $$
    begin
      update article_window_views set category_slug = new.category_slug, published_sort = new.published_sort where article_id = new.id;
      update article_popularity set category_slug = new.category_slug, published_sort = new.published_sort where article_id = new.id;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger articles_list_fields_changed after update of category_slug, published_at on articles
    for each row when (old.category_slug is distinct from new.category_slug or old.published_sort is distinct from new.published_sort)
    execute function article_list_fields_changed()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger articles_list_fields_changed on articles`.execute(db);
  await sql`drop function article_list_fields_changed()`.execute(db);
  await sql`drop index article_popularity_category_top_idx`.execute(db);
  await db.schema.alterTable('article_popularity').dropColumn('category_slug').dropColumn('published_sort').execute();
  await db.schema.dropTable('window_horizons').execute();
  await db.schema.dropTable('article_window_views').execute();
}
