import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../database.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { partitionName, partitionWindow } from './partition-plan.ts';
import { dropTimePartitionsBefore, ensureTimePartitions, listTimePartitions } from './time-partitions.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const FROM = Date.parse('2025-03-01T00:00:00Z');

let database: TestDatabase;
let replica: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  replica = createDb({ url: database.url, poolSize: 2 }).db;
});
afterAll(async () => {
  await replica?.destroy();
  await database?.drop();
});

const version = (generatedAt: Date) => ({ list_key: 'ranking:24h:all', generated_at: generatedAt, etag: '"x"', payload: '{}' });
const exists = async (name: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_class where relname = ${name}`.execute(database.db)).rows[0]?.n === 1;

describe('time partitions', () => {
  it('two processes creating the same partitions at once make each one once, and neither fails', async () => {
    const want = { fromMs: FROM, toMs: FROM + 30 * DAY };
    const [first, second] = await Promise.all([
      ensureTimePartitions(database.db, 'published_lists', want, DAY),
      ensureTimePartitions(replica, 'published_lists', want, DAY),
    ]);
    const names = [...first.created, ...second.created];
    expect(names).toHaveLength(30);
    expect(new Set(names).size).toBe(30);
    const partitions = (await listTimePartitions(database.db, 'published_lists')).filter((p) => p.fromMs >= FROM && p.toMs <= want.toMs);
    expect(partitions.map((p) => p.toMs - p.fromMs)).toEqual(Array(30).fill(DAY));
    expect(await ensureTimePartitions(database.db, 'published_lists', want, DAY)).toEqual({ created: [], replaced: [] });
  });

  it('partitions past the cutoff are detached and dropped with their rows; the others keep theirs', async () => {
    const at = (days: number) => new Date(FROM + days * DAY);
    await database.db
      .insertInto('published_lists')
      .values([version(at(1)), version(at(2.5)), version(at(3))])
      .execute();
    const dropped = await dropTimePartitionsBefore(database.db, 'published_lists', at(3).getTime());
    expect(dropped).toEqual(['published_lists_p20250301t0000', 'published_lists_p20250302t0000', 'published_lists_p20250303t0000']);
    const left = await database.db.selectFrom('published_lists').select('generated_at').where('generated_at', '<', at(30)).execute();
    expect(left.map((row) => row.generated_at)).toEqual([at(3)]);
    expect(await exists('published_lists_p20250301t0000')).toBe(false);
  });
});

describe('partitions of another span', () => {
  // Days of their own, ahead of the partitions the migration made and of the ones above.
  const dayOf = (iso: string) => {
    const nowMs = Date.parse(iso);
    const fromMs = Math.floor(nowMs / DAY) * DAY;
    return { nowMs, day: { fromMs, toMs: fromMs + DAY }, ...partitionWindow(nowMs, 20 * MINUTE) };
  };
  const inDay = async (day: { fromMs: number; toMs: number }) =>
    (await listTimePartitions(database.db, 'published_lists')).filter((p) => p.fromMs < day.toMs && p.toMs > day.fromMs);

  it("an empty one covering now is replaced by the span's partitions over the window, edge to edge, in one call", async () => {
    const { nowMs, day, cover, spanMs } = dayOf('2027-06-15T11:20:00Z');
    expect(spanMs).toBe(5 * MINUTE);
    await ensureTimePartitions(database.db, 'published_lists', day, DAY);

    const ensured = await ensureTimePartitions(database.db, 'published_lists', cover, spanMs, nowMs);

    const cells = Array.from({ length: (cover.toMs - cover.fromMs) / spanMs }, (_, i) => cover.fromMs + i * spanMs);
    // More than one transaction's worth: the rest of the day partition was cut again by the same call.
    expect(cells.length).toBeGreaterThan(20);
    expect(ensured).toEqual({
      created: [],
      replaced: [
        { name: partitionName('published_lists', day.fromMs), by: cells.map((fromMs) => partitionName('published_lists', fromMs)) },
      ],
    });
    expect(await exists(partitionName('published_lists', day.fromMs))).toBe(false);
    const partitions = await inDay(day);
    expect(partitions.map((p) => [p.fromMs, p.toMs])).toEqual(cells.map((fromMs) => [fromMs, fromMs + spanMs]));
    // A write now goes to the partition of its five minutes.
    await database.db
      .insertInto('published_lists')
      .values(version(new Date(nowMs)))
      .execute();
    const { rows } = await sql<{ partition: string }>`
      select tableoid::regclass::text as partition from published_lists where generated_at = ${new Date(nowMs)}
    `.execute(database.db);
    expect(rows).toEqual([{ partition: partitionName('published_lists', Math.floor(nowMs / spanMs) * spanMs) }]);
    expect(await ensureTimePartitions(database.db, 'published_lists', cover, spanMs, nowMs)).toEqual({ created: [], replaced: [] });
  });

  it('one that holds a row is kept with its row', async () => {
    const { nowMs, day, cover, spanMs } = dayOf('2027-06-18T11:20:00Z');
    await ensureTimePartitions(database.db, 'published_lists', day, DAY);
    const ahead = new Date(nowMs + 60 * MINUTE);
    await database.db.insertInto('published_lists').values(version(ahead)).execute();

    expect(await ensureTimePartitions(database.db, 'published_lists', cover, spanMs, nowMs)).toEqual({ created: [], replaced: [] });

    expect((await inDay(day)).map((p) => [p.name, p.fromMs, p.toMs])).toEqual([
      [partitionName('published_lists', day.fromMs), day.fromMs, day.toMs],
    ]);
    const kept = await database.db.selectFrom('published_lists').select('generated_at').where('generated_at', '=', ahead).execute();
    expect(kept).toHaveLength(1);
  });

  it('while a write holds the table the reshape gives up after its lock timeout, and the next call does it', async () => {
    const { nowMs, day, cover, spanMs } = dayOf('2027-06-21T11:20:00Z');
    await ensureTimePartitions(database.db, 'published_lists', { fromMs: day.fromMs - DAY, toMs: day.toMs }, DAY);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let inserted = () => {};
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    // Another process's write, to the day before, not yet committed.
    const writer = replica.transaction().execute(async (trx) => {
      await trx
        .insertInto('published_lists')
        .values(version(new Date(nowMs - DAY)))
        .execute();
      inserted();
      await released;
    });
    await hasInserted;
    let busy;
    const startedMs = Date.now();
    try {
      busy = await ensureTimePartitions(database.db, 'published_lists', cover, spanMs, nowMs);
    } finally {
      release();
      await writer;
    }
    expect(busy).toEqual({ created: [], replaced: [] });
    expect(Date.now() - startedMs).toBeLessThan(5_000);
    expect((await inDay(day)).map((p) => p.name)).toEqual([partitionName('published_lists', day.fromMs)]);

    const next = await ensureTimePartitions(database.db, 'published_lists', cover, spanMs, nowMs);
    expect(next.replaced.map((r) => r.name)).toEqual([partitionName('published_lists', day.fromMs)]);
    expect((await inDay(day)).every((p) => p.toMs - p.fromMs === spanMs)).toBe(true);
  });
});
