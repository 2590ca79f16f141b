import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../database.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { dropTimePartitionsBefore, ensureTimePartitions, listTimePartitions } from './time-partitions.ts';

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

describe('time partitions', () => {
  it('two processes creating the same partitions at once make each one once, and neither fails', async () => {
    const want = { fromMs: FROM, toMs: FROM + 30 * DAY };
    const [first, second] = await Promise.all([
      ensureTimePartitions(database.db, 'published_lists', want, DAY),
      ensureTimePartitions(replica, 'published_lists', want, DAY),
    ]);
    expect([...first, ...second].sort()).toHaveLength(30);
    expect(new Set([...first, ...second]).size).toBe(30);
    const partitions = (await listTimePartitions(database.db, 'published_lists')).filter((p) => p.fromMs >= FROM && p.toMs <= want.toMs);
    expect(partitions.map((p) => p.toMs - p.fromMs)).toEqual(Array(30).fill(DAY));
    expect(await ensureTimePartitions(database.db, 'published_lists', want, DAY)).toEqual([]);
  });

  it('partitions past the cutoff are detached and dropped with their rows; the others keep theirs', async () => {
    const at = (days: number) => new Date(FROM + days * DAY);
    const version = (generatedAt: Date) => ({ list_key: 'ranking:24h:all', generated_at: generatedAt, etag: '"x"', payload: '{}' });
    await database.db
      .insertInto('published_lists')
      .values([version(at(1)), version(at(2.5)), version(at(3))])
      .execute();
    const dropped = await dropTimePartitionsBefore(database.db, 'published_lists', at(3).getTime());
    expect(dropped).toEqual(['published_lists_p20250301t0000', 'published_lists_p20250302t0000', 'published_lists_p20250303t0000']);
    const left = await database.db.selectFrom('published_lists').select('generated_at').where('generated_at', '<', at(30)).execute();
    expect(left.map((row) => row.generated_at)).toEqual([at(3)]);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_class where relname = 'published_lists_p20250301t0000'`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
  });
});
