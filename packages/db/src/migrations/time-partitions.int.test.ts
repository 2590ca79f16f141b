import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_URL, databaseUrl, runDatabasePrefix } from '../../../../test/support/database-names.ts';
import { createDb } from '../database.ts';
import { ensureDatabaseExists } from '../ensure-database.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrations } from './index.ts';

const name = `${runDatabasePrefix(inject('testRunId'))}${randomBytes(6).toString('hex')}`;
const DAY = 86_400_000;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

const TABLES = [
  'counted_events',
  'article_views_minute',
  'article_views_hour',
  'article_engagement_hour',
  'article_referrers_hour',
  'article_campaigns_hour',
  'site_traffic_hour',
  'site_engagement_hour',
  'published_lists',
];

describe('the time-partitions migration', () => {
  it('converts every time-keyed table to partitions without losing a row, and the totals stay the same', async () => {
    await ensureDatabaseExists(databaseUrl(name));
    const { db } = createDb({ url: databaseUrl(name), poolSize: 2 });
    try {
      const before = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error } = await before.migrateTo('2026-12-08T00-00-reader-analytics');
      expect(error).toBeUndefined();
      // Rows from 40 days ago to now, as a deployment that pruned late would hold.
      await sql`insert into articles (id, source, title) select gen_random_uuid(), 'm', 'Story ' || i from generate_series(1, 50) i`.execute(
        db,
      );
      const times = sql`(select now() - (i * 9973 % ${(40 * DAY) / 1000}) * interval '1 second' as t, i from generate_series(1, 1000) i)`;
      const article = sql`(select id from articles order by id offset (i % 50) limit 1)`;
      await sql`insert into counted_events (event_key, article_id, occurred_at) select gen_random_uuid(), ${article}, t from ${times} s`.execute(
        db,
      );
      await sql`insert into article_views_minute select date_trunc('minute', t), ${article}, i % 7 + 1 from ${times} s on conflict do nothing`.execute(
        db,
      );
      await sql`insert into article_views_hour select date_trunc('hour', t), ${article}, i % 5 + 1 from ${times} s on conflict do nothing`.execute(
        db,
      );
      await sql`insert into article_engagement_hour select ${article}, date_trunc('hour', t), i * 1000, 1 from ${times} s on conflict do nothing`.execute(
        db,
      );
      await sql`insert into article_referrers_hour select ${article}, date_trunc('hour', t), 'search', 'www.google.com', 2 from ${times} s on conflict do nothing`.execute(
        db,
      );
      await sql`insert into article_campaigns_hour select ${article}, date_trunc('hour', t), 'mail', '', '', 3 from ${times} s on conflict do nothing`.execute(
        db,
      );
      await sql`insert into site_traffic_hour select date_trunc('hour', t), 'direct', '', i from ${times} s on conflict do nothing`.execute(
        db,
      );
      await sql`insert into site_engagement_hour select date_trunc('hour', t), i, 1 from ${times} s on conflict do nothing`.execute(db);
      await sql`insert into published_lists select 'ranking:24h:all', t, '"e' || i || '"', '{}' from ${times} s`.execute(db);
      const totals = async () => {
        const out: Record<string, string> = {};
        for (const table of TABLES) {
          const { rows } = await sql<{ digest: string }>`
            select count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) as digest from ${sql.table(table)} t
          `.execute(db);
          out[table] = rows[0]!.digest;
        }
        return out;
      };
      // counted_events keeps its key and time only (the time, renamed counted_at by the next
      // migration, places the rows already there): its digest is taken over those two columns.
      const countedDigest = async (timeColumn: 'occurred_at' | 'counted_at') =>
        (
          await sql<{
            digest: string;
          }>`select count(*) || ':' || sum(hashtext(event_key::text || ${sql.ref(timeColumn)}::text)::bigint) as digest from counted_events`.execute(
            db,
          )
        ).rows[0]!.digest;
      const beforeTotals = { ...(await totals()), counted_events: await countedDigest('occurred_at') };

      expect(await migrateToLatest(db)).toEqual([
        '2026-12-08T01-00-time-partitions',
        '2026-12-09T00-00-counting-epochs',
        '2026-12-10T00-00-ingest-body-encoding',
      ]);

      expect({ ...(await totals()), counted_events: await countedDigest('counted_at') }).toEqual(beforeTotals);
      const { rows } = await sql<{ relname: string }>`
        select c.relname from pg_partitioned_table p join pg_class c on c.oid = p.partrelid order by c.relname
      `.execute(db);
      expect(rows.map((row) => row.relname)).toEqual([...TABLES].sort());
      // New rows go in now, and a read by key still finds the rows of 40 days ago.
      await sql`insert into article_views_hour select date_trunc('hour', now()), id, 1 from articles limit 1 on conflict do nothing`.execute(
        db,
      );
      const { rows: old } = await sql<{
        n: string;
      }>`select count(*) as n from article_views_hour where bucket_start < now() - interval '35 days'`.execute(db);
      expect(Number(old[0]!.n)).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
  });
});
