import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { completeIngestJob, recordIngestJob, startIngestJob } from './ingest-jobs.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const stored = (id: string) =>
  database.db.selectFrom('ingest_jobs').select(['body', 'body_encoding']).where('id', '=', id).executeTakeFirstOrThrow();

async function record(body: Buffer): Promise<string> {
  const id = randomUUID();
  await recordIngestJob(database.db, { id, source: 'wire', kind: 'feed', contentType: 'application/rss+xml', format: 'rss', body });
  return id;
}

describe('ingest job bodies', () => {
  it('are stored compressed and handed to the worker byte for byte as posted', async () => {
    // Not UTF-8 (the document declares its own encoding), and long enough to compress.
    const posted = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel>'),
      ...Array.from({ length: 200 }, (_, i) => Buffer.from(`<item><title>Caf\xe9 ${i}</title></item>`, 'latin1')),
      Buffer.from('</channel></rss>'),
    ]);
    const id = await record(posted);
    const row = await stored(id);
    expect(row.body_encoding).toBe('gzip');
    expect(row.body!.length).toBeLessThan(posted.length / 4);
    const job = await startIngestJob(database.db, id);
    expect(job?.body?.equals(posted)).toBe(true);
    expect(job).not.toHaveProperty('body_encoding');
  });

  it('recorded before compression (no encoding) are handed over as they are', async () => {
    const posted = Buffer.from('<rss><channel><item><title>Old row</title></item></channel></rss>');
    const id = await record(Buffer.from('replaced below'));
    await database.db.updateTable('ingest_jobs').set({ body: posted, body_encoding: null }).where('id', '=', id).execute();
    expect((await startIngestJob(database.db, id))?.body?.equals(posted)).toBe(true);
  });

  it('in an encoding this version does not know fail the start rather than being parsed as a document', async () => {
    const id = await record(Buffer.from('<rss/>'));
    await database.db
      .updateTable('ingest_jobs')
      .set({ body_encoding: 'zstd' as 'gzip' })
      .where('id', '=', id)
      .execute();
    await expect(startIngestJob(database.db, id)).rejects.toThrow(/zstd/);
  });

  it('go when the job completes', async () => {
    const id = await record(Buffer.from('<rss/>'));
    await startIngestJob(database.db, id);
    await completeIngestJob(database.db, id, 'rss', { inserted: 0, updated: 0, duplicates: 0, articles: [], rejected: [], warnings: [] });
    expect((await stored(id)).body).toBeNull();
    expect(await startIngestJob(database.db, id)).toBeUndefined();
  });
});
