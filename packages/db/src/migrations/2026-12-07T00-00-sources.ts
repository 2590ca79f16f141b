import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('url', 'text', (col) => col.notNull().unique())
    // The URL's host, lowercased: fetches in flight are limited per host.
    .addColumn('host', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('site_url', 'text')
    .addColumn('category', 'text')
    .addColumn('paused', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    // What the subscriber asked for; null lets the interval follow the feed.
    .addColumn('requested_interval_seconds', 'integer')
    .addColumn('interval_seconds', 'integer')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('next_fetch_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_http_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (col) => col.notNull().defaultTo(0))
    // Set while a fetch is queued or running; a fetch that dies leaves it to expire.
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('websub_hub', 'text')
    .addColumn('websub_topic', 'text')
    .addColumn('websub_secret', 'text')
    .addColumn('websub_state', 'text')
    .addColumn('websub_expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // The due list: what the poller scans every tick.
  await sql`create index sources_due_idx on sources (next_fetch_at) where not paused and status <> 'disabled'`.execute(db);
  // Fetches in flight, counted per host.
  await sql`create index sources_claimed_idx on sources (host) where claimed_until is not null`.execute(db);
  await sql`create index sources_websub_renewal_idx on sources (websub_expires_at) where websub_expires_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sources').execute();
}
