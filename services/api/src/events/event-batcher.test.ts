import { describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import type { ApplyEventsPayload, QueuedViewEvent } from '@newsrank/queue';
import { EventBatcher } from './event-batcher.ts';

const view = (n: number): QueuedViewEvent => ({ eventId: `e-${n}`, articleId: '00000000-0000-4000-8000-000000000000', occurredAt: n });

/** A stand-in queue recording each add (one job) or addBulk call; `fail` makes the next call reject. */
function fakeQueue() {
  const calls: ApplyEventsPayload[][] = [];
  let fail: Error | null = null;
  const queue = {
    async addBulk(jobs: { data: ApplyEventsPayload }[]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw fail;
      calls.push(jobs.map((job) => job.data));
      return [];
    },
    async add(_name: string, data: ApplyEventsPayload) {
      return queue.addBulk([{ data }]);
    },
  };
  return { queue: queue as unknown as Queue, calls, failNext: (error: Error) => (fail = error) };
}

describe('EventBatcher', () => {
  it('requests arriving together go to Redis in one add, and each settles only after it', async () => {
    const { queue, calls } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 100 });
    await Promise.all([batcher.add([view(1)]), batcher.add([view(2), view(3)]), batcher.add([view(4)])]);
    expect(calls).toEqual([[{ events: [view(1), view(2), view(3), view(4)] }]]);
  });

  it('requests arriving while an add is in flight form the next add', async () => {
    const { queue, calls } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 100 });
    const first = batcher.add([view(1)]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await Promise.all([first, batcher.add([view(2)]), batcher.add([view(3)])]);
    expect(calls).toEqual([[{ events: [view(1)] }], [{ events: [view(2), view(3)] }]]);
  });

  it('with two adds allowed in flight, the next group goes without waiting for the first', async () => {
    const { queue, calls } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 100, maxAddsInFlight: 2 });
    const first = batcher.add([view(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.add([view(2)]);
    await new Promise((resolve) => setImmediate(resolve));
    const third = batcher.add([view(3)]);
    await second;
    // The second add was sent while the first was still in flight and ended in the same wait;
    // the third waited for a free slot.
    expect(calls).toEqual([[{ events: [view(1)] }], [{ events: [view(2)] }]]);
    await Promise.all([first, third]);
    expect(calls).toEqual([[{ events: [view(1)] }], [{ events: [view(2)] }], [{ events: [view(3)] }]]);
  });

  it('a batch larger than a job is cut into several jobs of one add', async () => {
    const { queue, calls } = fakeQueue();
    const batcher = new EventBatcher(queue, { maxEventsPerJob: 2 });
    await Promise.all([batcher.add([view(1), view(2), view(3)]), batcher.add([view(4), view(5)])]);
    expect(calls).toEqual([[{ events: [view(1), view(2)] }, { events: [view(3), view(4)] }, { events: [view(5)] }]]);
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
