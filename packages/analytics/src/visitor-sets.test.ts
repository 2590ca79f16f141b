import type { ChainableCommander } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { VISITOR_SET_TTL_MS, bucketsOfView } from './visitor-buckets.ts';
import { stageVisits, visitorSetKey, type CountedVisit } from './visitor-sets.ts';

/** Records what stageVisits queues: the members added to each set, and each set's expiry. */
function recorder() {
  const added = new Map<string, string[]>();
  const expiries = new Map<string, number>();
  const pipeline = {
    pfadd(key: string, ...members: string[]) {
      added.set(key, [...(added.get(key) ?? []), ...members]);
      return pipeline;
    },
    pexpire(key: string, ms: number) {
      expiries.set(key, ms);
      return pipeline;
    },
  };
  return { pipeline: pipeline as unknown as ChainableCommander, added, expiries };
}

const MINUTE = 60_000;
const T = Date.UTC(2026, 11, 7, 23, 59, 30);

describe('staging counted visits', () => {
  it('adds each visitor to its article’s minute, hour and day sets and to the site’s hour and day sets, once per set', () => {
    const visits: CountedVisit[] = [
      { articleId: 'a', occurredAt: T, visitor: 'v1' },
      { articleId: 'a', occurredAt: T + 10_000, visitor: 'v1' },
      { articleId: 'a', occurredAt: T + 20_000, visitor: 'v2' },
      // The next minute is the next hour and the next day.
      { articleId: 'a', occurredAt: T + MINUTE, visitor: 'v3' },
      { articleId: 'b', occurredAt: T, visitor: 'v1' },
    ];
    const { pipeline, added, expiries } = recorder();
    const sets = stageVisits(pipeline, '{p}', visits);

    const expected = new Map<string, Set<string>>();
    for (const visit of visits) {
      for (const bucket of bucketsOfView(visit.occurredAt)) {
        for (const scope of bucket.unit === 'minute' ? [visit.articleId] : [visit.articleId, 'site']) {
          const key = visitorSetKey('{p}', scope, bucket);
          expected.set(key, (expected.get(key) ?? new Set()).add(visit.visitor));
        }
      }
    }
    expect(sets).toBe(expected.size);
    expect(new Map([...added].map(([key, members]) => [key, members.sort()]))).toEqual(
      new Map([...expected].map(([key, members]) => [key, [...members].sort()])),
    );
    expect(added.get(visitorSetKey('{p}', 'site', { unit: 'day', startMs: Date.UTC(2026, 11, 7) }))?.sort()).toEqual(['v1', 'v2']);
    expect(expiries.get(visitorSetKey('{p}', 'a', { unit: 'minute', startMs: T - 30_000 }))).toBe(VISITOR_SET_TTL_MS.minute);
  });
});
