import { createHash } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '@newsrank/queue';
import { VISITOR_SET_TTL_MS, VISITOR_UNITS, bucketsOfView, type VisitorBucket } from './visitor-buckets.ts';

/** Whose visitors a set holds: one article, or every article of the deployment. */
export type VisitorScope = string | 'site';

/**
 * `<prefix>:visitors:<scope>:<unit>:<n>`, n the bucket's index since the epoch. The queue prefix
 * carries the deployment's hash tag under Redis Cluster, so every set of a deployment sits in one
 * slot and PFCOUNT may merge any of them.
 */
export function visitorSetKey(prefix: string, scope: VisitorScope, bucket: VisitorBucket): string {
  return `${prefix}:visitors:${scope}:${bucket.unit}:${Math.floor(bucket.startMs / VISITOR_UNITS[bucket.unit])}`;
}

export interface CountedVisit {
  articleId: string;
  occurredAt: number;
  /** visitorKey() */
  visitor: string;
}

/**
 * Adds counted views' visitors to their article's and the site's sets (the site has no minute
 * sets: nothing reads them), one PFADD per set. Adding a visitor again changes nothing, so a
 * batch staged twice (a transaction retried after this ran) counts each visitor once.
 */
export function stageVisits(pipeline: ChainableCommander, prefix: string, visits: readonly CountedVisit[]): number {
  const members = new Map<string, { unit: VisitorBucket['unit']; visitors: Set<string> }>();
  const setOf = (scope: VisitorScope, bucket: VisitorBucket) => {
    const key = visitorSetKey(prefix, scope, bucket);
    let set = members.get(key);
    if (!set) members.set(key, (set = { unit: bucket.unit, visitors: new Set() }));
    return set.visitors;
  };
  // A batch's views fall in a few minutes: each article's minute finds its sets once, not once a view.
  const setsOfMinute = new Map<string, Set<string>[]>();
  for (const visit of visits) {
    const minute = `${visit.articleId}:${Math.floor(visit.occurredAt / VISITOR_UNITS.minute)}`;
    let sets = setsOfMinute.get(minute);
    if (!sets) {
      sets = bucketsOfView(visit.occurredAt).flatMap((bucket) =>
        bucket.unit === 'minute' ? [setOf(visit.articleId, bucket)] : [setOf(visit.articleId, bucket), setOf('site', bucket)],
      );
      setsOfMinute.set(minute, sets);
    }
    for (const set of sets) set.add(visit.visitor);
  }
  for (const [key, set] of members) {
    pipeline.pfadd(key, ...set.visitors);
    // NX: the first add of a set starts its clock; a late view does not keep an old set alive.
    pipeline.pexpire(key, VISITOR_SET_TTL_MS[set.unit], 'NX');
  }
  return members.size;
}

/**
 * PFCOUNT of each group of KEYS (ARGV[i] keys in group i), in Redis. One command instead of one
 * per group: a week's hourly series is 169 counts, and ioredis spends more on 169 commands than
 * Redis spends counting them.
 */
const COUNT_GROUPS = `
local counts, first = {}, 1
for i = 1, #ARGV do
  local n = tonumber(ARGV[i])
  counts[i] = n == 0 and 0 or redis.call('PFCOUNT', unpack(KEYS, first, first + n - 1))
  first = first + n
end
return counts`;
const COUNT_GROUPS_SHA = createHash('sha1').update(COUNT_GROUPS).digest('hex');

/** Distinct visitors of each union of sets, in one round trip. */
export async function countVisitors(redis: RedisClient, keysPerCount: readonly (readonly string[])[]): Promise<number[]> {
  if (keysPerCount.length === 0) return [];
  const keys = keysPerCount.flat();
  const args = [...keys, ...keysPerCount.map((group) => group.length)];
  let counts: unknown;
  try {
    counts = await redis.evalsha(COUNT_GROUPS_SHA, keys.length, ...args);
  } catch (error) {
    // A restarted or new Redis has no scripts cached yet: EVAL sends it (and caches it).
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    counts = await redis.eval(COUNT_GROUPS, keys.length, ...args);
  }
  return (counts as number[]).map(Number);
}
