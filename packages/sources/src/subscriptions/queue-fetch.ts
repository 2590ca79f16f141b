import type { Queue } from 'bullmq';
import { releaseSourceClaim, type ClaimedSource, type Db } from '@newsrank/db';
import { QueueRefusedError } from './accept-document.ts';
import { JOBS, type FetchSourcePayload, type WebSubRequestPayload } from '@newsrank/queue';

/**
 * A scheduled fetch is named by its source and the due time it was claimed for: a claim taken
 * again after its lease ran out, while the first job still waits, adds nothing.
 */
export function scheduledFetchJobId(sourceId: string, dueAt: Date): string {
  return `fetch-${sourceId}-${dueAt.getTime()}`;
}

export async function queueScheduledFetch(db: Db, queue: Queue, claim: ClaimedSource): Promise<void> {
  const payload: FetchSourcePayload = { sourceId: claim.id, dueAt: claim.next_fetch_at.getTime() };
  try {
    await queue.add(JOBS.fetchSource.name, payload, {
      ...JOBS.fetchSource.options,
      jobId: scheduledFetchJobId(claim.id, claim.next_fetch_at),
    });
  } catch (error) {
    // Give the source back at once rather than leave it claimed until the lease ends.
    await releaseSourceClaim(db, claim.id).catch(() => {});
    throw error;
  }
}

/** A fetch asked for by a person (subscribing, refreshing): always its own job. */
export async function queueFetchNow(queue: Queue, sourceId: string, now = Date.now()): Promise<string> {
  const payload: FetchSourcePayload = { sourceId, dueAt: null };
  const jobId = `refresh-${sourceId}-${now}`;
  try {
    await queue.add(JOBS.fetchSource.name, payload, { ...JOBS.fetchSource.options, jobId });
  } catch (error) {
    throw new QueueRefusedError(error);
  }
  return jobId;
}

export async function queueWebSubRequest(queue: Queue, payload: WebSubRequestPayload, leaseKey: string): Promise<void> {
  await queue.add(JOBS.requestWebSub.name, payload, { ...JOBS.requestWebSub.options, jobId: `websub-${payload.sourceId}-${leaseKey}` });
}
