import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('guid', 'text')
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text')
    .addColumn('content_html', 'text')
    .addColumn('author', 'text')
    .addColumn('category', 'text')
    .addColumn('category_slug', 'text')
    .addColumn('tags', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('dateline', 'text')
    .addColumn('image_url', 'text')
    .addColumn('image_caption', 'text')
    .addColumn('language', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_at_origin', 'text')
    .addColumn('published_at_trusted', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('published_sort', 'timestamptz', (col) =>
      col
        .notNull()
        .generatedAlwaysAs(sql`coalesce(published_at, '-infinity'::timestamptz)`)
        .stored(),
    )
    .addColumn('updated_at', 'timestamptz')
    // Millisecond precision, like the JavaScript dates that page cursors carry.
    .addColumn('ingested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .addColumn('modified_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`date_trunc('milliseconds', now())`))
    .execute();
  await sql`create index articles_newest_idx on articles (published_sort desc, ingested_at desc, id desc)`.execute(db);
  await sql`create index articles_category_newest_idx on articles (category_slug, published_sort desc, ingested_at desc, id desc)`.execute(
    db,
  );
  await sql`create index articles_source_newest_idx on articles (source, published_sort desc, ingested_at desc, id desc)`.execute(db);

  await db.schema
    .createTable('article_keys')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('article_id', 'uuid', (col) => col.notNull().references('articles.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('article_keys_article_idx').on('article_keys').column('article_id').execute();

  await db.schema
    .createTable('ingest_jobs')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text')
    .addColumn('format', 'text')
    .addColumn('body', 'bytea')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  // The sweeper looks for accepted documents whose queue entry may have been lost.
  await sql`create index ingest_jobs_pending_idx on ingest_jobs (received_at) where status in ('queued', 'active')`.execute(db);

  await db.schema
    .createTable('ingest_job_chunks')
    .addColumn('job_id', 'uuid', (col) => col.notNull().references('ingest_jobs.id').onDelete('cascade'))
    .addColumn('chunk_index', 'integer', (col) => col.notNull())
    .addColumn('outcomes', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('ingest_job_chunks_pk', ['job_id', 'chunk_index'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ingest_job_chunks').execute();
  await db.schema.dropTable('ingest_jobs').execute();
  await db.schema.dropTable('article_keys').execute();
  await db.schema.dropTable('articles').execute();
}
