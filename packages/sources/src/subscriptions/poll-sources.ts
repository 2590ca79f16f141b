import type { Queue } from 'bullmq';
import { claimDueSources, webSubRenewalsDue, type Db } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import { renewAt } from '../websub/lease.ts';
import { queueScheduledFetch, queueWebSubRequest } from './queue-fetch.ts';
import type { SourcesSettings } from './settings.ts';

/** Sources claimed per statement; a tick claims batches until none are due. */
const CLAIM_BATCH = 200;
/** Bounds one tick's work; what is left is due at the next tick. */
const MAX_BATCHES_PER_TICK = 25;
/** Leases ending within this are looked at; renewAt decides which are due now. */
const RENEWAL_HORIZON_MS = 24 * 3_600_000;

export interface PollContext {
  db: Db;
  sourcesQueue: Queue;
  settings: SourcesSettings;
  logger: Logger;
}

/**
 * One tick of the poller (a job scheduler hands each tick to one ingest worker): claims due
 * sources and queues one fetch job for each, and queues the renewal of WebSub leases ending soon.
 */
export async function pollSources(context: PollContext, now = new Date()): Promise<{ queued: number; renewals: number }> {
  const { db, settings, sourcesQueue } = context;
  let queued = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
    const claims = await claimDueSources(db, { limit: CLAIM_BATCH, perHost: settings.perHost, leaseMs: settings.leaseMs });
    for (const claim of claims) await queueScheduledFetch(db, sourcesQueue, claim);
    queued += claims.length;
    if (claims.length < CLAIM_BATCH) break;
  }
  let renewals = 0;
  if (settings.publicUrl !== null) {
    for (const source of await webSubRenewalsDue(db, new Date(now.getTime() + RENEWAL_HORIZON_MS), CLAIM_BATCH)) {
      if (source.websub_hub === null || source.websub_topic === null || source.websub_expires_at === null) continue;
      if (renewAt(source.websub_expires_at, now) > now) continue;
      // Named by the lease it renews: every tick until the hub answers asks once.
      await queueWebSubRequest(
        sourcesQueue,
        { sourceId: source.id, hub: source.websub_hub, topic: source.websub_topic },
        `renew-${source.websub_expires_at.getTime()}`,
      );
      renewals++;
    }
  }
  if (queued > 0 || renewals > 0) context.logger.debug({ queued, renewals }, 'sources due');
  return { queued, renewals };
}
