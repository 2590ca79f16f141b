import type { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { upsertJobSchedulers } from './open-queue.ts';

/** Records each upsertJobScheduler call of a queue named `name`. */
function recordingQueue(name: string) {
  const calls: unknown[][] = [];
  const queue = { name, upsertJobScheduler: async (...args: unknown[]) => void calls.push(args) };
  return { queue: queue as unknown as Queue, calls };
}

describe('upsertJobSchedulers', () => {
  it('schedules every recurring job of the queue, a setting standing in where the catalogue names one', async () => {
    const { queue, calls } = recordingQueue('ranking');
    await upsertJobSchedulers(queue, { rankingRefreshMs: 1_000, retentionIntervalMs: 120_000 });
    const opts = { removeOnComplete: true, removeOnFail: 100 };
    expect(calls).toEqual([
      ['publish-lists', { every: 1_000 }, { name: 'publish-lists', opts }],
      ['prune-ranking', { every: 120_000 }, { name: 'prune-ranking', opts }],
      ['retry-failed-events', { every: 600_000 }, { name: 'retry-failed-events', opts }],
    ]);
  });

  it('fixed schedules keep their interval beside those that follow a setting', async () => {
    const { queue, calls } = recordingQueue('ingest');
    await upsertJobSchedulers(queue, { retentionIntervalMs: 300_000 });
    expect(calls.map((call) => [call[0], call[1]])).toEqual([
      ['sweep-ingest-jobs', { every: 60_000 }],
      ['prune-ingest-jobs', { every: 300_000 }],
    ]);
  });

  it('a schedule that follows a setting not given is refused', async () => {
    await expect(upsertJobSchedulers(recordingQueue('ranking').queue)).rejects.toThrow(
      'the publish-lists schedule follows rankingRefreshMs, which was not given',
    );
  });
});
