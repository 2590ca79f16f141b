import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomFeed, jsonFeed, rssFeed, testStories } from './support/feeds.ts';
import { ingest } from './support/http.ts';
import { startStack, type Stack } from './support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ingest-worker'], { INGEST_CONCURRENCY: '4' });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('two ingest workers storing the same stories at the same moment', () => {
  it('leave exactly one article per story', async () => {
    const stories = testStories(300, 'https://race.example');
    const documents = [rssFeed(stories), atomFeed(stories), jsonFeed(stories)].flatMap((doc) => [doc, doc, doc]);
    const jobs = await Promise.all(documents.map((doc, i) => ingest(stack.baseUrl, doc, { source: `source-${i}` }))).catch(
      (error: unknown) => {
        const trouble = stack.processes.flatMap((p) =>
          p.logs.filter((line) => Number(line.level) >= 40).map((line) => ({ from: p.name, ...line })),
        );
        throw new Error(`${String(error)}\nwarnings and errors from the processes: ${JSON.stringify(trouble.slice(-10))}`);
      },
    );
    expect(jobs.every((job) => job.status === 'completed')).toBe(true);
    expect(jobs.reduce((sum, job) => sum + (job.result?.inserted ?? 0), 0)).toBe(300);
    const rows = await stack.database.db.selectFrom('articles').select('url').execute();
    expect(rows).toHaveLength(300);
    // Both workers took part, so the race was real.
    const workers = stack.processes.filter((p) => p.name === 'ingest-worker');
    expect(workers.every((worker) => worker.logs.some((line) => line.msg === 'document ingested'))).toBe(true);
  });
});
