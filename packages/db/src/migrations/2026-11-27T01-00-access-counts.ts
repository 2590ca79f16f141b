import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per counted view: the primary key is what makes a resent eventId count once.
  await db.schema
    .createTable('counted_events')
    .addColumn('event_key', 'uuid', (col) => col.primaryKey())
    .addColumn('article_id', 'uuid', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull())
    .addColumn('counted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('counted_events_counted_at_idx').on('counted_events').column('counted_at').execute();

  // Views per article per bucket. The key leads with the bucket: lists and pruning both read time ranges.
  for (const table of ['article_views_minute', 'article_views_hour']) {
    await db.schema
      .createTable(table)
      .addColumn('bucket_start', 'timestamptz', (col) => col.notNull())
      .addColumn('article_id', 'uuid', (col) => col.notNull())
      .addColumn('views', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['bucket_start', 'article_id'])
      .execute();
  }

  await db.schema
    .createTable('article_popularity')
    .addColumn('article_id', 'uuid', (col) => col.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('accumulator', 'double precision', (col) => col.notNull())
    .addColumn('views', 'bigint', (col) => col.notNull())
    .addColumn('last_viewed_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await sql`create index article_popularity_accumulator_idx on article_popularity (accumulator desc)`.execute(db);

  // The forward-decay landmark T0 shared by every accumulator; exactly one row.
  await db.schema
    .createTable('popularity_landmark')
    .addColumn('id', 'smallint', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('t0', 'timestamptz', (col) => col.notNull())
    .addColumn('half_life_ms', 'bigint')
    .execute();
  await sql`insert into popularity_landmark (id, t0) values (1, date_trunc('hour', now()))`.execute(db);

  await db.schema
    .createTable('published_lists')
    .addColumn('list_key', 'text', (col) => col.notNull())
    .addColumn('generated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('etag', 'text', (col) => col.notNull())
    // json, not jsonb: the text is kept as published, key order included.
    .addColumn('payload', 'json', (col) => col.notNull())
    .addPrimaryKeyConstraint('published_lists_pk', ['list_key', 'generated_at'])
    .execute();
  await db.schema.createIndex('published_lists_generated_at_idx').on('published_lists').column('generated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'published_lists',
    'popularity_landmark',
    'article_popularity',
    'article_views_hour',
    'article_views_minute',
    'counted_events',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
