import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCountingEpoch, createDb, partitionName, recordNewEvents, sql, type Db, type EventToCount } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { eventKey } from '@newsrank/ranking';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { insertArticles, setCountingEpoch, type TestArticle } from '../../../test/support/ranking.ts';
import { applyViews } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';

const DAY = 86_400_000;
const H = 6 * 3_600_000;
/** Today's first instant (UTC): counted_events has a partition per day, so epochs either side of it are in two. */
const MIDNIGHT = Math.floor(Date.now() / DAY) * DAY;

let database: TestDatabase;
let db: Db;
let replica: Db;
/** A third replica's connections, moving the epoch on. */
let mover: Db;
let articles: TestArticle[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  replica = createDb({ url: database.url, poolSize: 4 }).db;
  mover = createDb({ url: database.url, poolSize: 2 }).db;
  articles = await insertArticles(db, 2);
  await maintainLandmark(db, H, Date.now(), createLogger({ level: 'silent', name: 'test' }));
});
afterAll(async () => {
  await replica?.destroy();
  await mover?.destroy();
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

const partitionOf = async (eventId: string) =>
  (
    await sql<{ partition: string }>`
      select tableoid::regclass::text as partition from counted_events where event_key = ${eventKey(eventId)}
    `.execute(db)
  ).rows.map((row) => row.partition);

/** Until some backend of the test database waits on a lock of this kind, or `done` says to stop. */
async function untilWaiting(waitEvent: 'advisory' | 'transactionid', done: () => boolean): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = ${waitEvent}
    `.execute(db);
    if (rows[0]!.n > 0 || done()) return;
  }
}

/** Records the keys in a transaction left open until `release`; resolves once they are recorded. */
async function recordAndHoldOpen(copies: EventToCount[]) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let recorded = () => {};
  const firstRecorded = new Promise<void>((resolve) => (recorded = resolve));
  const outcome = db.transaction().execute(async (trx) => {
    const result = await recordNewEvents(trx, copies);
    recorded();
    await held;
    return result;
  });
  await firstRecorded;
  return { outcome, release };
}

describe('an eventId across partitions', () => {
  it('resent without occurredAt after the epoch moved to another partition, it counts once', async () => {
    const article = articles[0]!;
    await setCountingEpoch(db, MIDNIGHT - 1_000);
    // The api stamps each copy with its own receipt time: here a second before and after midnight.
    const first = await applyViews(db, [{ eventId: 'beacon-1', articleId: article.id, occurredAt: MIDNIGHT - 1_000 }], H);
    expect(await advanceCountingEpoch(db, MIDNIGHT)).toBe(MIDNIGHT);
    const retry = await applyViews(db, [{ eventId: 'beacon-1', articleId: article.id, occurredAt: MIDNIGHT + 1_000 }], H);

    expect([first.counted, retry.counted, retry.duplicates]).toEqual([1, 0, 1]);
    expect([first.epochMs, retry.epochMs]).toEqual([MIDNIGHT - 1_000, MIDNIGHT]);
    expect(await hourViews(article)).toBe(1);
    // One record, in yesterday's partition: the lookup of every partition, not the index, caught the retry.
    expect(await partitionOf('beacon-1')).toEqual([partitionName('counted_events', MIDNIGHT - DAY)]);
  });

  it('two replicas applying copies of the same eventIds at once, while the epoch moves on, count each once', async () => {
    const article = articles[1]!;
    await setCountingEpoch(db, MIDNIGHT - 3_000);
    const ids: string[] = [];
    const outcomes = [];
    // Each round adds new ids; both replicas apply a copy of every id so far, while a third moves
    // the epoch on (the last move crosses into today's partition).
    for (let round = 0; round < 3; round++) {
      ids.push(...Array.from({ length: 200 }, (_, i) => `replicated-${round}-${i}`));
      const copies = (offsetMs: number) => ids.map((eventId) => ({ eventId, articleId: article.id, occurredAt: MIDNIGHT + offsetMs }));
      const [a, b] = await Promise.all([
        applyViews(db, copies(-1_000 - round), H),
        applyViews(replica, copies(1_000 + round), H),
        advanceCountingEpoch(mover, MIDNIGHT - 2_000 + round * 1_000),
      ]);
      outcomes.push(a, b);
    }

    expect(outcomes.reduce((sum, outcome) => sum + outcome.counted, 0)).toBe(ids.length);
    expect(await hourViews(article)).toBe(ids.length);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from counted_events where event_key = any(${ids.map(eventKey)}::uuid[])
    `.execute(db);
    expect(rows[0]!.n).toBe(ids.length);
  });

  it('a replica recording a copy another has recorded but not committed waits for that commit, then skips it', async () => {
    const article = articles[1]!;
    const keys = ['held-1', 'held-2', 'held-3'].map(eventKey);
    const copies = keys.map((key) => ({ eventKey: key, articleId: article.id }));
    const { outcome: first, release } = await recordAndHoldOpen(copies);
    let secondDone = false;
    const second = replica
      .transaction()
      .execute((trx) => recordNewEvents(trx, copies))
      .finally(() => (secondDone = true));
    try {
      // The second must not finish before the first commits: it would not have seen its keys.
      await untilWaiting('transactionid', () => secondDone);
      expect(secondDone).toBe(false);
    } finally {
      release();
    }
    const [a, b] = await Promise.all([first, second]);
    expect([a.counted, b.counted]).toEqual([3, 0]);
  });

  it('moving the epoch on waits for the batches under the old one, and a batch after the move finds their keys', async () => {
    const article = articles[1]!;
    const stored = await advanceCountingEpoch(db, Date.now());
    const keys = ['moved-1', 'moved-2'].map(eventKey);
    const copies = keys.map((key) => ({ eventKey: key, articleId: article.id }));
    const { outcome: first, release } = await recordAndHoldOpen(copies);
    let moved = false;
    const move = advanceCountingEpoch(mover, stored + 1_000).finally(() => (moved = true));
    let secondDone = false;
    try {
      await untilWaiting('advisory', () => moved);
      expect(moved).toBe(false);
      // Queued behind the move, so under the new epoch: the unique key holds the epoch, so had
      // the move not waited for the first to commit, nothing would stop this counting its keys again.
      const second = replica
        .transaction()
        .execute((trx) => recordNewEvents(trx, copies))
        .finally(() => (secondDone = true));
      release();
      const [a, b, epoch] = await Promise.all([first, second, move]);
      expect([a.counted, b.counted]).toEqual([2, 0]);
      expect([a.epochMs, b.epochMs, epoch]).toEqual([stored, stored + 1_000, stored + 1_000]);
    } finally {
      release();
    }
    expect(secondDone).toBe(true);
  });
});
