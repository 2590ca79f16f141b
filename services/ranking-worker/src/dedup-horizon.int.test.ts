import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, recordNewEvents, sql, type Db, type EventToCount } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { eventKey } from '@newsrank/ranking';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { insertArticles, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';

const DAY = 86_400_000;
const H = 6 * 3_600_000;
/** Today's first instant (UTC): counted_events has a partition per day, so copies either side of it land in two. */
const MIDNIGHT = Math.floor(Date.now() / DAY) * DAY;

let database: TestDatabase;
let db: Db;
let replica: Db;
let articles: TestArticle[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  replica = createDb({ url: database.url, poolSize: 4 }).db;
  articles = await insertArticles(db, 2);
  await maintainLandmark(db, H, Date.now(), createLogger({ level: 'silent', name: 'test' }));
});
afterAll(async () => {
  await replica?.destroy();
  await database?.drop();
});

const hourViews = async (article: TestArticle) =>
  Number(
    (
      await db
        .selectFrom('article_views_hour')
        .select((eb) => eb.fn.sum<string>('views').as('views'))
        .where('article_id', '=', article.id)
        .executeTakeFirstOrThrow()
    ).views ?? 0,
  );

describe('an eventId across partitions', () => {
  it('resent without occurredAt, its copies are stamped either side of a partition bound and it counts once', async () => {
    const article = articles[0]!;
    // The api stamps each copy with its own receipt time: here a second before and after midnight.
    const first = await applyViews(db, [{ eventId: 'beacon-1', articleId: article.id, occurredAt: MIDNIGHT - 1_000 }], H);
    const retry = await applyViews(db, [{ eventId: 'beacon-1', articleId: article.id, occurredAt: MIDNIGHT + 1_000 }], H);

    expect([first.counted, retry.counted, retry.duplicates]).toEqual([1, 0, 1]);
    expect(await hourViews(article)).toBe(1);
    const { rows } = await sql<{ partition: string }>`
      select tableoid::regclass::text as partition from counted_events where event_key = ${eventKey('beacon-1')}
    `.execute(db);
    expect(rows).toHaveLength(1);
    // And the retry's partition exists and is another one: the probe, not the index, caught it.
    const { rows: retryPartition } = await sql<{ partition: string }>`
      select c.relname as partition from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'counted_events'::regclass
        and pg_get_expr(c.relpartbound, c.oid) like ${`%'${new Date(MIDNIGHT).toISOString().slice(0, 10)} 00:00:00+00') TO%`}
    `.execute(db);
    expect(retryPartition).toHaveLength(1);
    expect(retryPartition[0]!.partition).not.toBe(rows[0]!.partition);
  });

  it('two replicas applying copies of the same eventIds at once, in different partitions, count each once', async () => {
    const article = articles[1]!;
    const ids = Array.from({ length: 300 }, (_, i) => `replicated-${i}`);
    const copies = (offsetMs: number) => ids.map((eventId) => ({ eventId, articleId: article.id, occurredAt: MIDNIGHT + offsetMs }));
    const outcomes = [];
    // Each round: both replicas at once, each with a copy of every id, stamped on either side of midnight.
    for (let round = 0; round < 3; round++) {
      outcomes.push(...(await Promise.all([applyViews(db, copies(-1_000 - round), H), applyViews(replica, copies(1_000 + round), H)])));
    }

    expect(outcomes.reduce((sum, outcome) => sum + outcome.counted, 0)).toBe(ids.length);
    expect(await hourViews(article)).toBe(ids.length);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from counted_events where event_key = any(${ids.map(eventKey)}::uuid[])
    `.execute(db);
    expect(rows[0]!.n).toBe(ids.length);
  });

  it('a replica recording a copy while another has recorded one but not committed waits for it, then finds it', async () => {
    const article = articles[1]!;
    const copy = (key: string, offsetMs: number): EventToCount => ({
      eventKey: key,
      articleId: article.id,
      occurredAt: MIDNIGHT + offsetMs,
    });
    const keys = ['held-1', 'held-2', 'held-3'].map(eventKey);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded = () => {};
    const firstRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const first = db.transaction().execute(async (trx) => {
      const outcome = await recordNewEvents(
        trx,
        keys.map((key) => copy(key, -1_000)),
      );
      recorded();
      await held;
      return outcome;
    });
    await firstRecorded;
    let secondDone = false;
    const second = replica
      .transaction()
      .execute((trx) =>
        recordNewEvents(
          trx,
          keys.map((key) => copy(key, 1_000)),
        ),
      )
      .finally(() => (secondDone = true));
    try {
      // Until the second either finished (which it must not: it would not have seen the first's
      // keys) or waits on the advisory lock the first holds.
      for (let waiting = false; !waiting && !secondDone;) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = 'advisory'
        `.execute(db);
        waiting = rows[0]!.n > 0;
      }
      expect(secondDone).toBe(false);
    } finally {
      release();
    }
    const [a, b] = await Promise.all([first, second]);
    expect([a.countedKeys.size, b.countedKeys.size]).toEqual([3, 0]);
  });
});
