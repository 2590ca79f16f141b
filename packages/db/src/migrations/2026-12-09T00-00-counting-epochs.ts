import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they are frozen in time and must not follow later schema types.

/**
 * Dedup records are placed by the counting epoch they were written in, not by the event's time:
 * every copy of an eventId recorded at once then goes to one partition, where a unique index
 * (which a partitioned table may have only with the partition key in it) stops the second copy
 * without serializing every batch (queries/view-counts.ts, recordNewEvents, says how).
 *
 * The rows already there keep the event time they were placed by as their counting time: they
 * stay in their partitions, are still found by the lookup of every partition, and go when those
 * partitions age out, as before. The plain index on event_key is replaced by the unique one,
 * which serves the same lookups by its first column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table counted_events rename column occurred_at to counted_at`.execute(db);
  await sql`create unique index counted_events_key_epoch on counted_events (event_key, counted_at)`.execute(db);
  await sql`drop index counted_events_key_idx`.execute(db);
  // One row: the epoch batches now record into. The ranking worker moves it on at its first
  // batch; until then it lies in today's partition, which the previous migration made.
  await sql`
    create table counted_events_epoch (
      id smallint primary key default 1 check (id = 1),
      epoch timestamptz not null
    )
  `.execute(db);
  await sql`insert into counted_events_epoch (epoch) values (now())`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table counted_events_epoch`.execute(db);
  await sql`create index counted_events_key_idx on counted_events (event_key)`.execute(db);
  await sql`drop index counted_events_key_epoch`.execute(db);
  await sql`alter table counted_events rename column counted_at to occurred_at`.execute(db);
}
