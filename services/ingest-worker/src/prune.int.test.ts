import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIngestJob, sql } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { pruneIngestJobs } from './prune.ts';

const logger = createLogger({ level: 'silent', name: 'test' });
const DAY_MS = 86_400_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function job(status: 'queued' | 'completed' | 'failed', finishedDaysAgo: number | null): Promise<string> {
  const id = randomUUID();
  await recordIngestJob(database.db, { id, source: 'wire', kind: 'feed', contentType: null, format: 'rss', body: Buffer.from('<rss/>') });
  await database.db
    .updateTable('ingest_jobs')
    .set({ status, finished_at: finishedDaysAgo === null ? null : sql`now() - make_interval(days => ${finishedDaysAgo})` })
    .where('id', '=', id)
    .execute();
  return id;
}

describe('pruning ingest jobs', () => {
  it('deletes finished jobs older than the retention and keeps the rest', async () => {
    const oldDone = await job('completed', 8);
    const oldFailed = await job('failed', 9);
    const recent = await job('completed', 1);
    const waiting = await job('queued', null);
    expect(await pruneIngestJobs(database.db, 7 * DAY_MS, logger)).toBe(2);
    const left = (await database.db.selectFrom('ingest_jobs').select('id').execute()).map((row) => row.id).sort();
    expect(left).toEqual([recent, waiting].sort());
    expect(left).not.toContain(oldDone);
    expect(left).not.toContain(oldFailed);
  });
});
