import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIngestJob, findIngestJob } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { rssFeed, testStories } from '../../../test/support/feeds.ts';
import { CHUNK_SIZE, ingestDocument } from './ingest-document.ts';

let database: TestDatabase;
const logger = createLogger({ level: 'silent', name: 'test' });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function accept(body: string): Promise<string> {
  const id = randomUUID();
  await recordIngestJob(database.db, {
    id,
    source: 'wire',
    kind: 'feed',
    contentType: 'application/rss+xml',
    format: 'rss',
    body: Buffer.from(body),
  });
  return id;
}

describe('ingestDocument', () => {
  it('a document larger than one chunk is stored completely and reported per item', async () => {
    const count = CHUNK_SIZE * 2 + 17;
    const id = await accept(rssFeed(testStories(count, 'https://big.example')));
    const report = await ingestDocument(database.db, id, logger);
    expect(report).toMatchObject({ inserted: count, updated: 0, duplicates: 0 });
    expect(report?.articles).toHaveLength(count);
    const job = await findIngestJob(database.db, id);
    expect(job).toMatchObject({ status: 'completed', format: 'rss' });
  });

  it('a job redelivered after a crash between chunks stores nothing twice and reports as the first run would have', async () => {
    const count = CHUNK_SIZE + 10;
    const id = await accept(rssFeed(testStories(count, 'https://crash.example')));
    // Simulate a worker that committed the first chunk and died: run fully, then rewind the job
    // (its body put back as posted, uncompressed, as rows recorded before compression hold it).
    const first = await ingestDocument(database.db, id, logger);
    await database.db
      .updateTable('ingest_jobs')
      .set({ status: 'active', result: null, body: Buffer.from(rssFeed(testStories(count, 'https://crash.example'))), body_encoding: null })
      .where('id', '=', id)
      .execute();
    await database.db
      .insertInto('ingest_job_chunks')
      .values({ job_id: id, chunk_index: 0, outcomes: JSON.stringify(first?.articles.slice(0, CHUNK_SIZE)) })
      .execute();
    const rerun = await ingestDocument(database.db, id, logger);
    expect(rerun?.articles.slice(0, CHUNK_SIZE)).toEqual(first?.articles.slice(0, CHUNK_SIZE));
    const rows = await database.db
      .selectFrom('articles')
      .select('id')
      .where('source', '=', 'wire')
      .where('url', 'like', 'https://crash.example/%')
      .execute();
    expect(rows).toHaveLength(count);
  });

  it('a finished job is not processed again', async () => {
    const id = await accept(rssFeed(testStories(2, 'https://done.example')));
    await ingestDocument(database.db, id, logger);
    expect(await ingestDocument(database.db, id, logger)).toBeNull();
  });

  it('an unreadable document fails its job with the reason', async () => {
    const id = await accept('\u0000\u0001 definitely not a feed');
    await expect(ingestDocument(database.db, id, logger)).rejects.toThrow();
    const job = await findIngestJob(database.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.error).toBeTruthy();
  });
});
