import { Redis } from 'ioredis';
import { openQueue } from '@newsrank/queue';
import { eventsBody, storeArticles } from '../support/api-client.ts';
import { compareInterleaved, type Comparison } from '../support/compare.ts';
import { startPortApp } from '../support/constant-server.ts';
import { logCpu } from '../support/cpu-usage.ts';
import type { Row } from '../support/report.ts';
import type { BenchContext, Scenario } from './context.ts';

const DRAIN_TIMEOUT_MS = 120_000;

/**
 * Runs `work` with the events queue paused (the ranking worker takes no job, the adds still land),
 * then resumes it and waits until the worker has taken everything queued meanwhile.
 */
async function withEventsQueuePaused<T>(context: BenchContext, work: () => Promise<T>): Promise<T> {
  const connection = new Redis(context.redisUrl, { maxRetriesPerRequest: null });
  const queue = openQueue('events', { connection, prefix: context.stack.prefix });
  try {
    await queue.pause();
    try {
      return await work();
    } finally {
      await queue.resume();
    }
  } finally {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).every((count) => count === 0)) break;
      if (Date.now() > deadline) {
        process.stderr.write(
          `[bench] the events queued while paused did not drain within ${DRAIN_TIMEOUT_MS / 1000} s: ${JSON.stringify(counts)}; later scenarios of this run share that backlog\n`,
        );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await queue.close();
    connection.disconnect();
  }
}

const row = (figure: string, { baseline, subject, cpu }: Comparison): Row => ({
  scenario: 'events, one per request',
  figure,
  value: subject.requestsPerSecond,
  unit: 'req/s',
  baseline: 'constant Express app POST req/s',
  baselineValue: baseline.requestsPerSecond,
  ratio: subject.requestsPerSecond / baseline.requestsPerSecond,
  target: { kind: 'none' },
  details: { floor: subject, constant: baseline, cpu },
});

/**
 * A diagnosis, not a target (`--only floor`): the one-event load against a bare node:http handler
 * that queues each view exactly as the API does (queue-floor-app.ts), against the same constant
 * app. What it reaches is what `POST /v1/events` could reach on this machine if its HTTP layer
 * cost nothing: the part of the gap the queueing path itself (Redis's fsync before each
 * acknowledgement, the ranking worker beside it) accounts for. Measured twice: with the ranking
 * worker applying the views as they come, and with the events queue paused (the worker idle, the
 * views applied afterwards), which separates the cost of the 202's own fsynced write from the
 * cost of applying the views at the same time.
 */
export const eventsSingleFloor: Scenario = {
  name: 'events, one per request: floor of the queueing path',
  async run(context) {
    const { connections, durationSeconds, warmupSeconds } = context.options;
    const articles = await storeArticles(context.stack.baseUrl, 100);
    const floor = await startPortApp('queue-floor-app', 'bench/support/queue-floor-app.ts', {
      REDIS_URL: context.redisUrl,
      QUEUE_PREFIX: context.stack.prefix,
      FLOOR_SHAPE: 'bare',
    });
    try {
      const post = { method: 'POST', body: eventsBody(articles, 1), idReplacement: true, connections } as const;
      const compare = () =>
        compareInterleaved(
          { ...post, url: context.constantUrl },
          { ...post, url: floor.url },
          {
            durationSeconds,
            warmupSeconds,
            okStatus: 202,
            cpuGroups: [...context.cpuGroups, { name: 'floor app', pids: () => [floor.pid] }],
          },
        );
      const applying = await compare();
      logCpu('the floor of the queueing path', applying.cpu);
      const idle = await withEventsQueuePaused(context, compare);
      logCpu('the floor of the queueing path, ranking worker idle', idle.cpu);
      return [
        row('floor: bare node:http handler, same queueing, req/s', applying),
        row('floor, ranking worker idle (events queue paused), req/s', idle),
      ];
    } finally {
      await floor.stop();
    }
  },
};
