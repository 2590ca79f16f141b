import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import {
  claimDueSources,
  claimSourceNow,
  countSourcesByStatus,
  findSourceById,
  insertSource,
  recordFetch,
  recordFetchedDocument,
  type FetchRecord,
} from './sources.ts';
import { findIngestJob } from './ingest-jobs.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());
beforeEach(async () => {
  await sql`truncate sources, ingest_jobs cascade`.execute(database.db);
});

async function addSource(host: string, path: string, options: { claimed?: boolean } = {}) {
  const result = await insertSource(database.db, {
    id: randomUUID(),
    slug: `${host}${path}`.replace(/[^a-z0-9]+/g, '-'),
    url: `http://${host}${path}`,
    host,
    category: null,
    requestedIntervalSeconds: null,
    leaseMs: 60_000,
  });
  if (result.kind !== 'created') throw new Error(result.kind);
  // Subscribing claims the source for its first fetch; most tests want it due and free.
  if (!options.claimed)
    await sql`update sources set claimed_until = null, next_fetch_at = now() - interval '1 second' where id = ${result.source.id}`.execute(
      database.db,
    );
  return result.source;
}

const OK: FetchRecord = {
  status: 'ok',
  intervalSeconds: 600,
  nextFetchAt: new Date(Date.now() + 600_000),
  lastHttpStatus: 304,
  lastError: null,
  consecutiveFailures: 0,
  succeeded: true,
};

describe('sources', () => {
  it('subscribes a URL once: the same URL again is the existing source, a used slug is reported', async () => {
    const first = await addSource('a.example', '/feed');
    const again = await insertSource(database.db, {
      id: randomUUID(),
      slug: 'other',
      url: first.url,
      host: 'a.example',
      category: null,
      requestedIntervalSeconds: null,
      leaseMs: 1,
    });
    expect(again).toMatchObject({ kind: 'existing', source: { id: first.id } });
    const taken = await insertSource(database.db, {
      id: randomUUID(),
      slug: first.slug,
      url: 'http://b.example/feed',
      host: 'b.example',
      category: null,
      requestedIntervalSeconds: null,
      leaseMs: 1,
    });
    expect(taken).toEqual({ kind: 'slug-taken' });
  });

  it('claims each due source once, however many pollers ask at the same time', async () => {
    for (let i = 0; i < 40; i++) await addSource(`host${i}.example`, '/feed');
    const claims = await Promise.all(
      Array.from({ length: 4 }, () => claimDueSources(database.db, { limit: 100, perHost: 2, leaseMs: 60_000 })),
    );
    const ids = claims.flat().map((claim) => claim.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(await claimDueSources(database.db, { limit: 100, perHost: 2, leaseMs: 60_000 })).toEqual([]);
  });

  it('keeps at most perHost fetches in flight per host, counting claims already held', async () => {
    for (let i = 0; i < 5; i++) await addSource('busy.example', `/feed${i}`);
    await addSource('quiet.example', '/feed');
    const first = await claimDueSources(database.db, { limit: 100, perHost: 2, leaseMs: 60_000 });
    expect(first.filter((claim) => claim.host === 'busy.example')).toHaveLength(2);
    expect(first.filter((claim) => claim.host === 'quiet.example')).toHaveLength(1);
    expect(await claimDueSources(database.db, { limit: 100, perHost: 2, leaseMs: 60_000 })).toEqual([]);

    // A finished fetch releases its claim and the next source of that host can go.
    await recordFetch(database.db, first[0]!.id, OK);
    const next = await claimDueSources(database.db, { limit: 100, perHost: 2, leaseMs: 60_000, host: 'busy.example' });
    expect(next).toHaveLength(1);
  });

  it('claims again a source whose fetch died once its lease ran out, and skips paused and disabled ones', async () => {
    const died = await addSource('a.example', '/died');
    const paused = await addSource('a.example', '/paused');
    const disabled = await addSource('b.example', '/disabled');
    await sql`update sources set paused = true where id = ${paused.id}`.execute(database.db);
    await sql`update sources set status = 'disabled' where id = ${disabled.id}`.execute(database.db);
    expect((await claimDueSources(database.db, { limit: 10, perHost: 5, leaseMs: 60_000 })).map((c) => c.id)).toEqual([died.id]);
    await sql`update sources set claimed_until = now() - interval '1 second' where id = ${died.id}`.execute(database.db);
    expect((await claimDueSources(database.db, { limit: 10, perHost: 5, leaseMs: 60_000 })).map((c) => c.id)).toEqual([died.id]);
  });

  it('records a fetched document and the source state together, once per claim', async () => {
    const source = await addSource('a.example', '/feed');
    const claimed = await claimSourceNow(database.db, source.slug, 60_000);
    expect(claimed?.id).toBe(source.id);

    const job = {
      id: randomUUID(),
      source: source.slug,
      kind: 'feed' as const,
      contentType: 'application/rss+xml',
      format: 'rss',
      body: Buffer.from('<rss/>'),
    };
    const record = { ...OK, lastHttpStatus: 200, etag: '"v1"', title: 'A feed' };
    expect(await recordFetchedDocument(database.db, source.id, record, job)).toBe(true);
    expect(await findIngestJob(database.db, job.id)).toMatchObject({ status: 'queued', source: source.slug });
    expect(await findSourceById(database.db, source.id)).toMatchObject({
      etag: '"v1"',
      title: 'A feed',
      claimed_until: null,
      status: 'ok',
    });

    // The same job delivered again finds the claim released: no second document, no change.
    const again = { ...job, id: randomUUID() };
    expect(await recordFetchedDocument(database.db, source.id, record, again)).toBe(false);
    expect(await findIngestJob(database.db, again.id)).toBeUndefined();
    expect(await recordFetch(database.db, source.id, { ...OK, status: 'failing' })).toBe(false);
  });

  it('counts sources by status, paused apart', async () => {
    const a = await addSource('a.example', '/1');
    await addSource('a.example', '/2');
    await sql`update sources set paused = true where id = ${a.id}`.execute(database.db);
    expect(await countSourcesByStatus(database.db)).toEqual({ pending: 1, ok: 0, failing: 0, disabled: 0, paused: 1 });
  });
});
