import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.

/**
 * A posted document is now stored gzip-compressed by the code that records it, and says so in
 * body_encoding (null: the bytes as posted, as every row before this one). PostgreSQL compressed
 * the body itself (pglz) inside the insert and sent it back hex-encoded to the worker: for a
 * 4 MB feed that was tens of milliseconds of database CPU on each side and an 8 MB answer to
 * decode. The column no longer tries to compress what arrives compressed. An ingest worker from
 * before this migration would parse a compressed body as the document: stop those before new
 * processes record documents (README, Scaling).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ingest_jobs add column body_encoding text`.execute(db);
  await sql`alter table ingest_jobs alter column body set storage external`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Code before this migration would read a compressed body as the document itself.
  const pending = await sql<{ n: number }>`
    select count(*)::int as n from ingest_jobs where body_encoding is not null and status in ('queued', 'active')
  `.execute(db);
  if ((pending.rows[0]?.n ?? 0) > 0) throw new Error('ingest jobs with compressed bodies are still pending: let them finish first');
  await sql`alter table ingest_jobs alter column body set storage extended`.execute(db);
  await sql`alter table ingest_jobs drop column body_encoding`.execute(db);
}
