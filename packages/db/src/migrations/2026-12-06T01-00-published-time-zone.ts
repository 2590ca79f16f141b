import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // The zone the source printed its publication time in (`Asia/Tokyo`, `+09:00`), so the reader
  // page prints the time back as the source did. Articles stored before it have none, and are
  // shown as before: in the configured or inferred zone.
  await db.schema.alterTable('articles').addColumn('published_time_zone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('published_time_zone').execute();
}
