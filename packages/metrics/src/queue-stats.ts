import type { Queue } from 'bullmq';

export const QUEUE_STATES = ['waiting', 'active', 'failed', 'delayed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueueStats {
  queue: string;
  jobs: Record<QueueState, number>;
  /** Age of the job that has waited longest, measured from when it was queued; null when none waits. */
  oldestWaitingSeconds: number | null;
}

export async function readQueueStats(queue: Queue, nowMs = Date.now()): Promise<QueueStats> {
  const [counts, oldest] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.getWaiting(0, 0)]);
  const jobs = Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as Record<QueueState, number>;
  const queuedAt = oldest[0]?.timestamp;
  return { queue: queue.name, jobs, oldestWaitingSeconds: queuedAt === undefined ? null : Math.max(0, (nowMs - queuedAt) / 1000) };
}
