import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { ArticleOutcome, IngestJobRow, IngestReport } from '../schema/index.ts';
import type { StoryInput } from '@newsrank/core';
import { storeStories } from './store-stories.ts';

export interface NewIngestJob {
  id: string;
  source: string;
  kind: 'feed' | 'articles';
  contentType: string | null;
  format: string | null;
  body: Buffer;
}

const compress = promisify(gzip);
const decompress = promisify(gunzip);

/**
 * The body is kept only until its job completes, read once by the worker: compressed here (on
 * libuv's threads, at the fastest level) rather than by PostgreSQL inside the insert, so the
 * database neither compresses it nor sends it back as hex at several times its stored size.
 */
export async function recordIngestJob(db: Db, job: NewIngestJob): Promise<void> {
  await db
    .insertInto('ingest_jobs')
    .values({
      id: job.id,
      source: job.source,
      kind: job.kind,
      content_type: job.contentType,
      format: job.format,
      body: await compress(job.body, { level: 1 }),
      body_encoding: 'gzip',
      status: 'queued',
    })
    .execute();
}

/** Used when the queue refused the job: the document was never accepted, so it leaves no trace. */
export async function forgetIngestJob(db: Db, id: string): Promise<void> {
  await db.deleteFrom('ingest_jobs').where('id', '=', id).where('status', '=', 'queued').execute();
}

export type IngestJobView = Omit<IngestJobRow, 'body' | 'body_encoding'>;

export async function findIngestJob(db: Db, id: string): Promise<IngestJobView | undefined> {
  return db
    .selectFrom('ingest_jobs')
    .select([
      'id',
      'source',
      'kind',
      'content_type',
      'format',
      'status',
      'received_at',
      'started_at',
      'finished_at',
      'attempts',
      'result',
      'error',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks the job active and returns what the worker needs, the body as posted; undefined when it is already finished. */
export async function startIngestJob(db: Db, id: string) {
  const job = await db
    .updateTable('ingest_jobs')
    .set({ status: 'active', started_at: sql`coalesce(started_at, now())`, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'active'])
    .returning(['id', 'source', 'kind', 'content_type', 'body', 'body_encoding', 'received_at'])
    .executeTakeFirst();
  if (!job) return undefined;
  const { body_encoding: encoding, ...rest } = job;
  return { ...rest, body: await storedBody(job.body, encoding) };
}

async function storedBody(body: Buffer | null, encoding: string | null): Promise<Buffer | null> {
  if (body === null || encoding === null) return body;
  if (encoding === 'gzip') return decompress(body);
  throw new Error(`ingest job body stored as ${encoding}, which this version cannot read`);
}

export async function committedChunks(db: Db, jobId: string): Promise<Map<number, ArticleOutcome[]>> {
  const rows = await db.selectFrom('ingest_job_chunks').select(['chunk_index', 'outcomes']).where('job_id', '=', jobId).execute();
  return new Map(rows.map((row) => [row.chunk_index, row.outcomes]));
}

/**
 * Stores one chunk of a job's stories and records its outcomes in the same transaction, so a job
 * run again after a crash skips exactly the chunks that are stored (committedChunks).
 */
export async function storeIngestChunk(
  db: Db,
  jobId: string,
  chunkIndex: number,
  source: string,
  stories: StoryInput[],
): Promise<ArticleOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const outcomes = await storeStories(trx, source, stories);
    await trx
      .insertInto('ingest_job_chunks')
      .values({ job_id: jobId, chunk_index: chunkIndex, outcomes: JSON.stringify(outcomes) })
      .execute();
    return outcomes;
  });
}

export async function completeIngestJob(db: Db, id: string, format: string, report: IngestReport): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('ingest_jobs')
      .set({ status: 'completed', format, finished_at: sql`now()`, result: JSON.stringify(report), body: null, error: null })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('ingest_job_chunks').where('job_id', '=', id).execute();
  });
}

export async function failIngestJob(db: Db, id: string, error: string, format: string | null): Promise<void> {
  await db
    .updateTable('ingest_jobs')
    .set({ status: 'failed', finished_at: sql`now()`, error, format, body: null })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'active'])
    .execute();
}

/** Accepted documents still waiting after `olderThanMs`: candidates for re-queuing. */
export async function pendingIngestJobIds(db: Db, olderThanMs: number, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('ingest_jobs')
    .select('id')
    .where('status', 'in', ['queued', 'active'])
    .where(sql<boolean>`received_at < now() - make_interval(secs => ${olderThanMs / 1000})`)
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes finished ingest jobs (reports included) older than `olderThanMs`, at most `batch` per
 * call: their articles stay, only the record of how they arrived goes. Returns how many went.
 */
export async function pruneFinishedIngestJobs(db: Db, olderThanMs: number, batch = 5_000): Promise<number> {
  const result = await db
    .deleteFrom('ingest_jobs')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('ingest_jobs')
        .select('id')
        .where('status', 'in', ['completed', 'failed'])
        .where(sql<boolean>`finished_at < now() - make_interval(secs => ${olderThanMs / 1000})`)
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
