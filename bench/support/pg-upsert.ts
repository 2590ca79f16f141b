import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The database's own ceiling for what the ranking worker does per event: batched multi-row
 * upserts from node-postgres (500 rows a statement, rows passed as arrays through unnest, the
 * way the worker writes), on a fresh table keyed by a uuid as the dedup records are (as they were
 * before the time partitions: with the article and a count, unpartitioned), from `clients`
 * connections at once. Returns rows written per second.
 */
export async function pgUpsertRowsPerSecond(url: string, seconds: number, clients = 4, batch = 500): Promise<number> {
  const table = `bench_upsert_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(
    `create table ${table} (event_key uuid primary key, article_id uuid not null, occurred_at timestamptz not null, views int not null)`,
  );
  const articles = Array.from({ length: 100 }, () => randomUUID());
  let rows = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          while (performance.now() < deadline) {
            const keys = Array.from({ length: batch }, () => randomUUID());
            const now = new Date().toISOString();
            await client.query(
              `insert into ${table} as t (event_key, article_id, occurred_at, views)
               select k, a, $3::timestamptz, 1 from unnest($1::uuid[], $2::uuid[]) as v(k, a)
               on conflict (event_key) do update set views = t.views + excluded.views`,
              [keys, keys.map((_, i) => articles[i % articles.length]), now],
            );
            rows += batch;
          }
        } finally {
          await client.end();
        }
      }),
    );
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await setup.query(`drop table ${table}`);
    await setup.end();
  }
}
