import { QUEUE_NAMES } from '@newsrank/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { postFeed, waitForJob } from './support/http.ts';
import { inspectQueue } from './support/queues.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

/** 24 chunks of 250 stories: long enough to be caught in the middle. */
const STORIES = 6_000;

let stack: Stack;
let proxy: TcpProxy;
let ingestQueue: ReturnType<typeof inspectQueue>;
/** The ingest workers reach PostgreSQL through a proxy the test can freeze; the API does not. */
let proxiedDatabaseUrl: string;

beforeAll(async () => {
  stack = await startStack(['api']);
  const direct = new URL(stack.database.url);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  direct.host = `127.0.0.1:${proxy.port}`;
  proxiedDatabaseUrl = direct.toString();
  ingestQueue = inspectQueue(stack.prefix, QUEUE_NAMES.ingest);
}, 60_000);
afterAll(async () => {
  proxy?.restore();
  await stack?.stop();
  await ingestQueue?.close();
  await proxy?.close();
});

const startWorker = (env: Record<string, string> = {}) => stack.start('ingest-worker', { DATABASE_URL: proxiedDatabaseUrl, ...env });

/** Posts a large feed and resolves with its job id once the worker has committed part of it. */
async function feedInProgress(site: string): Promise<string> {
  const response = await postFeed(stack.baseUrl, rssFeed(testStories(STORIES, site)), {
    source: new URL(site).hostname,
    contentType: 'application/rss+xml',
  });
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  await eventually(
    async () => {
      const chunks = await stack.database.db.selectFrom('ingest_job_chunks').select('chunk_index').where('job_id', '=', jobId).execute();
      return chunks.length > 0 ? true : undefined;
    },
    30_000,
    'the first chunk to commit',
  );
  return jobId;
}

/** A job a stopped worker held must be finished or waiting for the next worker: never left active. */
async function expectNotStuck(jobId: string) {
  const state = await ingestQueue.queue.getJobState(jobId);
  expect(['completed', 'waiting']).toContain(state);
  const row = await stack.database.db.selectFrom('ingest_jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow();
  // The row says what PostgreSQL holds: done, or started with some chunks stored.
  expect(row.status).toBe(state === 'completed' ? 'completed' : 'active');
  return state;
}

/** A fresh worker finishes the job; every story is stored exactly once. */
async function expectFinishedExactly(jobId: string, site: string) {
  const job = await waitForJob(stack.baseUrl, `/v1/ingest-jobs/${jobId}`);
  expect(job).toMatchObject({ status: 'completed', result: { inserted: STORIES, updated: 0, duplicates: 0 } });
  const rows = await stack.database.db.selectFrom('articles').select('id').where('url', 'like', `${site}/%`).execute();
  expect(rows).toHaveLength(STORIES);
}

describe('stopping an ingest worker', () => {
  it('SIGTERM mid-job exits 0 within the timeout, and the job is finished or handed back, then completed exactly once', async () => {
    const site = 'https://term.example';
    const worker = await startWorker();
    const jobId = await feedInProgress(site);
    const signalled = Date.now();
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const state = await expectNotStuck(jobId);
    if (state === 'waiting')
      expect(worker.logs.some((line) => line.msg === 'job handed back to the queue' && line.jobId === jobId)).toBe(true);

    await startWorker();
    await expectFinishedExactly(jobId, site);
  });

  it('a database that stops answering cannot hold shutdown past SHUTDOWN_TIMEOUT_MS, and the job is still handed back', async () => {
    const site = 'https://hang.example';
    for (const running of stack.processes.filter((p) => p.name === 'ingest-worker')) await running.stop();
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: '3000' });
    const jobId = await feedInProgress(site);
    proxy.cut('hang');
    const signalled = Date.now();
    // The forced exit: the pool cannot close while a query waits on a frozen connection.
    expect(await worker.stop('SIGTERM')).toBe(1);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(2_500);
    expect(took).toBeLessThan(6_000);
    expect(worker.logs.some((line) => line.msg === 'shutdown timed out: exiting')).toBe(true);
    expect(await expectNotStuck(jobId)).toBe('waiting');

    proxy.restore();
    await startWorker();
    await expectFinishedExactly(jobId, site);
  });

  it('a second SIGTERM ends a slow shutdown at once', async () => {
    for (const running of stack.processes.filter((p) => p.name === 'ingest-worker')) await running.stop();
    const worker = await startWorker();
    const jobId = await feedInProgress('https://twice.example');
    proxy.cut('hang');
    worker.child.kill('SIGTERM');
    await eventually(
      async () => (worker.logs.some((line) => line.msg === 'shutting down') ? true : undefined),
      5_000,
      'the first signal to be handled',
    );
    const second = Date.now();
    expect(await worker.stop('SIGTERM')).toBe(1);
    expect(Date.now() - second).toBeLessThan(2_000);
    expect(worker.logs.some((line) => line.msg === 'second signal: exiting now')).toBe(true);
    // Cut off before it could hand the job back, the worker left it active under its lock; the
    // stalled-job check returns such a job to the queue (test/ingest-worker-crash.test.ts).
    expect(await ingestQueue.queue.getJobState(jobId)).toBe('active');
    proxy.restore();
  });
});
