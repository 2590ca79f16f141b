import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { postFeed, waitForJob } from './support/http.ts';
import type { ServiceProcess } from './support/processes.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const SITE = 'https://crash.example';
const DOCUMENTS = 8;
const PER_DOCUMENT = 1_500;
/** Consecutive documents share half their stories, so workers race to store the same ones. */
const STEP = 750;
const DISTINCT = STEP * (DOCUMENTS - 1) + PER_DOCUMENT;
const KILLS = 3;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(['api']);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const startWorker = () => stack.start('ingest-worker', { INGEST_CONCURRENCY: '2' });

describe('ingest workers killed mid-batch', () => {
  it('every accepted document is stored completely, each story once, with exact reports', async () => {
    const stories = testStories(DISTINCT, SITE);
    const workers: ServiceProcess[] = [await startWorker(), await startWorker()];
    const jobIds: string[] = [];
    for (let d = 0; d < DOCUMENTS; d++) {
      const response = await postFeed(stack.baseUrl, rssFeed(stories.slice(d * STEP, d * STEP + PER_DOCUMENT)), {
        source: `wire-${d}`,
        contentType: 'application/rss+xml',
      });
      expect(response.status).toBe(202);
      jobIds.push(((await response.json()) as { jobId: string }).jobId);
    }

    // Kill a worker each time more stories are stored, so every kill lands in the middle of jobs.
    for (let kill = 1; kill <= KILLS; kill++) {
      await eventually(
        async () => {
          const stored = await stack.database.db
            .selectFrom('articles')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(stored.n) >= kill * 750 ? true : undefined;
        },
        30_000,
        `stories stored before kill ${kill}`,
      );
      const victim = workers.shift() as ServiceProcess;
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBe('SIGKILL');
      workers.push(await startWorker());
    }

    const jobs = await Promise.all(jobIds.map((id) => waitForJob(stack.baseUrl, `/v1/ingest-jobs/${id}`)));
    for (const job of jobs) {
      expect(job.status).toBe('completed');
      expect(job.result?.articles).toHaveLength(PER_DOCUMENT);
      expect(job.result?.updated).toBe(0);
    }
    expect(jobs.reduce((sum, job) => sum + (job.result?.inserted ?? 0), 0)).toBe(DISTINCT);
    expect(jobs.reduce((sum, job) => sum + (job.result?.duplicates ?? 0), 0)).toBe(DOCUMENTS * PER_DOCUMENT - DISTINCT);

    const rows = await stack.database.db.selectFrom('articles').select(['id', 'url']).where('url', 'like', `${SITE}/%`).execute();
    expect(rows).toHaveLength(DISTINCT);
    expect(new Set(rows.map((row) => row.url)).size).toBe(DISTINCT);
    // Each story's reported id is the one stored: reports of reruns agree with what is in the table.
    const reported = new Set(jobs.flatMap((job) => job.result?.articles.map((article) => article.id) ?? []));
    expect(reported).toEqual(new Set(rows.map((row) => row.id)));

    // The kills really interrupted work: some documents were started more than once.
    const restarted = await stack.database.db.selectFrom('ingest_jobs').select('id').where('attempts', '>', 1).execute();
    expect(restarted.length).toBeGreaterThan(0);
  });
});
