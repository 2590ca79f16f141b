/**
 * `node bench/dedup-footprint.ts [--events 500000] [--batch 5000]`
 *
 * Bytes on disk per counted event (heap + indexes: pg_total_relation_size over every partition,
 * after VACUUM) and the time of recording one batch, for the dedup table as it was before it was
 * partitioned (uuid key, article, occurred_at, counted_at, two indexes; rebuilt here from that
 * migration's DDL and statement) and as it is (recordNewEvents on a migrated database). Events
 * are spread over the last seven days and recorded the way the ranking worker does: batches of
 * distinct keys, in key order, each in its own transaction, under the counting epoch of the
 * batch's time (as a worker counting over that week would have). See docs/scaling.md.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql, type Db } from '@newsrank/db';
import { recordNewEvents } from '@newsrank/db';
import { createBenchDatabase } from './support/database.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '500000' }, batch: { type: 'string', default: '5000' } } });
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const DAY_MS = 86_400_000;

const PREVIOUS_DDL = [
  `create table counted_events_before (event_key uuid primary key, article_id uuid not null, occurred_at timestamptz not null,
     counted_at timestamptz not null default now())`,
  `create index counted_events_before_counted_at_idx on counted_events_before (counted_at)`,
];

interface Event {
  eventKey: string;
  articleId: string;
  occurredAt: number;
}

function batches(articleIds: readonly string[], nowMs: number): Event[][] {
  const all: Event[][] = [];
  for (let done = 0; done < EVENTS; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, EVENTS - done) }, (_, i) => ({
      eventKey: randomUUID(),
      articleId: articleIds[(done + i) % articleIds.length]!,
      occurredAt: nowMs - Math.floor(((done + i) / EVENTS) * 7 * DAY_MS),
    }));
    all.push(batch.sort((a, b) => (a.eventKey < b.eventKey ? -1 : 1)));
  }
  return all;
}

async function recordPrevious(db: Db, events: readonly Event[]): Promise<void> {
  await sql`
    with input as (
      select * from unnest(${events.map((e) => e.eventKey)}::uuid[], ${events.map((e) => e.articleId)}::uuid[],
        ${events.map((e) => new Date(e.occurredAt).toISOString())}::timestamptz[]) as v(event_key, article_id, occurred_at)
    ),
    known as (select input.* from input where exists (select 1 from articles a where a.id = input.article_id))
    insert into counted_events_before (event_key, article_id, occurred_at)
    select event_key, article_id, occurred_at from known order by event_key
    on conflict (event_key) do nothing
  `.execute(db);
}

async function totalBytes(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ bytes: string }>`
    select coalesce(sum(pg_total_relation_size(relid)), pg_total_relation_size(${table}::regclass))::text as bytes
    from pg_partition_tree(${table}::regclass)
  `.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

async function measure(db: Db, table: string, record: (events: readonly Event[]) => Promise<unknown>, work: Event[][]) {
  const started = performance.now();
  for (const batch of work) await record(batch);
  const msPerBatch = (performance.now() - started) / work.length;
  await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  return { table, bytesPerEvent: Math.round((await totalBytes(db, table)) / EVENTS), msPerBatch: Math.round(msPerBatch * 10) / 10 };
}

const database = await createBenchDatabase('dedup');
try {
  const { db } = database;
  const { rows } = await sql<{ id: string }>`
    insert into articles (id, source, title) select gen_random_uuid(), 'bench', 'Story ' || i from generate_series(1, 10000) i returning id::text
  `.execute(db);
  const articleIds = rows.map((row) => row.id);
  for (const statement of PREVIOUS_DDL) await sql.raw(statement).execute(db);
  const nowMs = Date.now();
  const before = await measure(db, 'counted_events_before', (events) => recordPrevious(db, events), batches(articleIds, nowMs));
  const after = await measure(
    db,
    'counted_events',
    async (events) => {
      await sql`update counted_events_epoch set epoch = ${new Date(events[0]!.occurredAt)}`.execute(db);
      return db.transaction().execute((trx) => recordNewEvents(trx, events));
    },
    batches(articleIds, nowMs),
  );
  console.table([
    { shape: 'before', ...before },
    { shape: 'partitioned', ...after },
  ]);
} finally {
  await database.drop();
}
