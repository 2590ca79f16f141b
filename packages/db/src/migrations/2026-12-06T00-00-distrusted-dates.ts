import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // Publication dates more than a day after ingest used to be stored and flagged untrusted;
  // they sat at the top of every newest-first list. Such a date is no longer stored at all
  // (the article is undated, known by when it was ingested), so the flagged ones are cleared
  // and the flag, which nothing else set, goes.
  await sql`update articles set published_at = null, published_at_origin = null where not published_at_trusted`.execute(db);
  await db.schema.alterTable('articles').dropColumn('published_at_trusted').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The cleared dates are not restored: they could not be true.
  await db.schema
    .alterTable('articles')
    .addColumn('published_at_trusted', 'boolean', (col) => col.notNull().defaultTo(true))
    .execute();
}
