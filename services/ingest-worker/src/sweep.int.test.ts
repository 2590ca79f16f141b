import { randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIngestJob, sql } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { INGEST_JOB_OPTIONS, JOB_NAMES, QUEUE_NAMES, openQueue } from '@newsrank/queue';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { SWEEP_AFTER_MS, sweepIngestJobs } from './sweep.ts';

const logger = createLogger({ level: 'silent', name: 'test' });
const prefix = testQueuePrefix();
let database: TestDatabase;
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = openQueue('ingest', { connection, prefix });
});
afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await database.drop();
  await deleteQueuePrefix(prefix);
});

/** An accepted document, recorded long enough ago for the sweeper to look at it. */
async function acceptedLongAgo(): Promise<string> {
  const id = randomUUID();
  await recordIngestJob(database.db, {
    id,
    source: 'wire',
    kind: 'feed',
    contentType: 'application/rss+xml',
    format: 'rss',
    body: Buffer.from('<rss/>'),
  });
  await database.db
    .updateTable('ingest_jobs')
    .set({ received_at: sql`now() - make_interval(secs => ${(SWEEP_AFTER_MS * 2) / 1000})` })
    .where('id', '=', id)
    .execute();
  return id;
}

describe('the ingest sweeper', () => {
  it('queues again, under its own id, an accepted document whose queue entry was lost', async () => {
    const id = await acceptedLongAgo();
    expect(await sweepIngestJobs(database.db, queue, logger)).toBe(1);
    expect(await queue.getJobState(id)).toBe('waiting');
    // A second sweep finds the entry and leaves it alone.
    expect(await sweepIngestJobs(database.db, queue, logger)).toBe(0);
    await database.db.updateTable('ingest_jobs').set({ status: 'completed' }).where('id', '=', id).execute();
  });

  it('retries a document whose job ran out of attempts while the database was away', async () => {
    const id = await acceptedLongAgo();
    await queue.add(JOB_NAMES.ingestDocument, { ingestJobId: id }, { ...INGEST_JOB_OPTIONS, jobId: id, attempts: 1 });
    const worker = new Worker(
      QUEUE_NAMES.ingest,
      async () => {
        throw new UnrecoverableError('the database is not reachable');
      },
      { connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), prefix },
    );
    await new Promise<void>((resolve) => worker.once('failed', () => resolve()));
    await worker.close();
    await (worker.opts.connection as Redis).quit();
    expect(await queue.getJobState(id)).toBe('failed');

    // The row still says accepted-but-unfinished, so the sweeper gives the job another run.
    expect(await sweepIngestJobs(database.db, queue, logger)).toBe(1);
    expect(await queue.getJobState(id)).toBe('waiting');
  });

  it('leaves finished documents and fresh ones alone', async () => {
    await database.db.updateTable('ingest_jobs').set({ status: 'completed' }).execute();
    await recordIngestJob(database.db, {
      id: randomUUID(),
      source: 'wire',
      kind: 'feed',
      contentType: null,
      format: 'rss',
      body: Buffer.from('<rss/>'),
    });
    expect(await sweepIngestJobs(database.db, queue, logger)).toBe(0);
  });
});
