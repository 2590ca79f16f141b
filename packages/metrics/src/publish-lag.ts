import type { ChainableCommander } from 'ioredis';
import { CLUSTER_FIELDS } from './cluster-counters.ts';

/**
 * List publish lag: from the commit of the oldest views not yet in a published list to the
 * publish that includes them. A committed batch marks the time (only if nothing is waiting
 * yet); the publish that follows measures against that mark and clears it.
 */
export function markViewsWaiting(multi: ChainableCommander, metricsKey: string, committedAtMs: number): void {
  multi.hsetnx(metricsKey, CLUSTER_FIELDS.viewsWaitingSinceMs, String(committedAtMs));
}

// KEYS: metrics hash, applied counter. ARGV: counter value the publish read, when it read it, now.
// A mark newer than the read belongs to views the publish may not include: it stays. If the
// counter moved since the read, views committed meanwhile wait from the read on (a lower bound
// of their commit time, so the lag they show is never understated).
const RECORD_PUBLISH_LAG = `
local waiting = redis.call('HGET', KEYS[1], '${CLUSTER_FIELDS.viewsWaitingSinceMs}')
if not waiting or tonumber(waiting) > tonumber(ARGV[2]) then return -1 end
local lag = math.max(0, tonumber(ARGV[3]) - tonumber(waiting))
redis.call('HINCRBY', KEYS[1], '${CLUSTER_FIELDS.listPublishes}', 1)
redis.call('HINCRBY', KEYS[1], '${CLUSTER_FIELDS.listPublishLagMsSum}', lag)
redis.call('HSET', KEYS[1], '${CLUSTER_FIELDS.listPublishLagMsLast}', lag)
if (redis.call('GET', KEYS[2]) or '0') == ARGV[1] then
  redis.call('HDEL', KEYS[1], '${CLUSTER_FIELDS.viewsWaitingSinceMs}')
else
  redis.call('HSET', KEYS[1], '${CLUSTER_FIELDS.viewsWaitingSinceMs}', ARGV[2])
end
return lag
`;

export interface PublishLagInput {
  metricsKey: string;
  appliedCounterKey: string;
  /** The applied counter as the publish read it before computing the lists. */
  appliedSeen: string;
  readAtMs: number;
  publishedAtMs: number;
}

/** Queued on the publisher's MULTI, so the lag is recorded exactly when the lists are. */
export function recordPublishLag(multi: ChainableCommander, input: PublishLagInput): void {
  multi.eval(
    RECORD_PUBLISH_LAG,
    2,
    input.metricsKey,
    input.appliedCounterKey,
    input.appliedSeen,
    String(input.readAtMs),
    String(input.publishedAtMs),
  );
}
