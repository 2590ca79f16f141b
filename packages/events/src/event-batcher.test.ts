import { describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import { EVENT_JOB_OPTIONS, type ApplyEventsPayload, type QueuedViewEvent } from '@newsrank/queue';
import { EventBatcher } from './event-batcher.ts';

const view = (n: number): QueuedViewEvent => ({ eventId: `e-${n}`, articleId: '00000000-0000-4000-8000-000000000000', occurredAt: n });

/**
 * A stand-in queue recording each add (one job) or addBulk call, with the options jobs go with;
 * `fail` makes the next call reject. Batching itself is GroupCommit's, tested in @newsrank/core.
 */
function fakeQueue() {
  const calls: ApplyEventsPayload[][] = [];
  const commands: { command: 'add' | 'addBulk'; names: string[]; opts: unknown[] }[] = [];
  let fail: Error | null = null;
  const record = async (jobs: { data: ApplyEventsPayload }[]) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail) throw fail;
    calls.push(jobs.map((job) => job.data));
    return [];
  };
  const queue = {
    async addBulk(jobs: { name: string; data: ApplyEventsPayload; opts: unknown }[]) {
      commands.push({ command: 'addBulk', names: jobs.map((job) => job.name), opts: jobs.map((job) => job.opts) });
      return record(jobs);
    },
    async add(name: string, data: ApplyEventsPayload, opts: unknown) {
      commands.push({ command: 'add', names: [name], opts: [opts] });
      return record([{ data }]);
    },
  };
  return { queue: queue as unknown as Queue, calls, commands, failNext: (error: Error) => (fail = error) };
}

describe('EventBatcher', () => {
  it('requests arriving together go to Redis as one apply-events job, added with the events options', async () => {
    const { queue, calls, commands } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 100 });
    await Promise.all([batcher.add([view(1)]), batcher.add([view(2), view(3)]), batcher.add([view(4)])]);
    expect(calls).toEqual([[{ events: [view(1), view(2), view(3), view(4)] }]]);
    expect(commands).toEqual([{ command: 'add', names: ['apply-events'], opts: [EVENT_JOB_OPTIONS] }]);
  });

  it('a batch larger than a job is cut into several jobs of one addBulk', async () => {
    const { queue, calls, commands } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 2 });
    await Promise.all([batcher.add([view(1), view(2), view(3)]), batcher.add([view(4), view(5)])]);
    expect(calls).toEqual([[{ events: [view(1), view(2)] }, { events: [view(3), view(4)] }, { events: [view(5)] }]]);
    expect(commands.map((command) => command.command)).toEqual(['addBulk']);
  });

  it('a refused add refuses every request it carried', async () => {
    const { queue, calls, failNext } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 100 });
    failNext(new Error('redis away'));
    const results = await Promise.allSettled([batcher.add([view(1)]), batcher.add([view(2)])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toEqual([]);
  });
});
