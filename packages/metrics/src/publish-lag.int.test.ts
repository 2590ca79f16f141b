import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../test/support/redis.ts';
import { CLUSTER_FIELDS, addCounts, clusterMetricsKey, countIngestOutcomes, readClusterCounters } from './cluster-counters.ts';
import { markViewsWaiting, recordPublishLag } from './publish-lag.ts';

let redis: Redis;
let prefix: string;
let metricsKey: string;
let appliedCounterKey: string;

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await deleteQueuePrefix(prefix);
  redis.disconnect();
});
beforeEach(async () => {
  if (prefix) await deleteQueuePrefix(prefix);
  prefix = testQueuePrefix();
  metricsKey = clusterMetricsKey(prefix);
  appliedCounterKey = `${prefix}:ranking:applied`;
});

/** What the ranking worker does after committing a batch of views. */
async function commitBatch(atMs: number, counted = 1) {
  const multi = redis.multi().incr(appliedCounterKey);
  addCounts(multi, metricsKey, CLUSTER_FIELDS.viewsApplied, { counted });
  markViewsWaiting(multi, metricsKey, atMs);
  await multi.exec();
}

/** What the publisher does: read the counter, compute, then publish with the lag recorded. */
async function publish(readAtMs: number, publishedAtMs: number, beforeCommit: () => Promise<void> = async () => {}) {
  const appliedSeen = (await redis.get(appliedCounterKey)) ?? '0';
  await beforeCommit();
  const multi = redis.multi();
  recordPublishLag(multi, { metricsKey, appliedCounterKey, appliedSeen, readAtMs, publishedAtMs });
  await multi.exec();
}

const waitingSince = () => redis.hget(metricsKey, CLUSTER_FIELDS.viewsWaitingSinceMs);

describe('list publish lag', () => {
  it('runs from the first unpublished batch to the publish, and the publish clears the mark', async () => {
    await commitBatch(1_000);
    await commitBatch(1_400);
    await publish(1_500, 1_800);
    expect(await readClusterCounters(redis, metricsKey)).toMatchObject({
      listPublishes: 1,
      listPublishLagSecondsSum: 0.8,
      listPublishLagSecondsLast: 0.8,
    });
    expect(await waitingSince()).toBeNull();

    await commitBatch(5_000);
    await publish(5_100, 5_300);
    expect(await readClusterCounters(redis, metricsKey)).toMatchObject({
      listPublishes: 2,
      listPublishLagSecondsSum: 1.1,
      listPublishLagSecondsLast: 0.3,
    });
  });

  it('a batch committed while the lists were computed waits on from when the publish read the counter', async () => {
    await commitBatch(1_000);
    await publish(1_500, 1_900, () => commitBatch(1_600));
    expect(await waitingSince()).toBe('1500');
    await publish(2_000, 2_100);
    expect((await readClusterCounters(redis, metricsKey)).listPublishLagSecondsLast).toBe(0.6);
  });

  it('a mark set after the publish read the counter is left for the publish that will include it', async () => {
    await publish(1_000, 1_300, () => commitBatch(1_200));
    expect(await waitingSince()).toBe('1200');
    expect((await readClusterCounters(redis, metricsKey)).listPublishes).toBe(0);
  });

  it('a publish with nothing waiting records nothing', async () => {
    await publish(1_000, 1_100);
    expect(await readClusterCounters(redis, metricsKey)).toMatchObject({ listPublishes: 0, listPublishLagSecondsLast: null });
  });
});

describe('cluster counters', () => {
  it('ingest outcomes and applied views add up across writers and read back as numbers', async () => {
    await countIngestOutcomes(redis, metricsKey, { inserted: 3, updated: 1, duplicate: 0, rejected: 2 });
    await countIngestOutcomes(redis, metricsKey, { inserted: 1, updated: 0, duplicate: 4, rejected: 0 });
    await commitBatch(1_000, 7);
    const counters = await readClusterCounters(redis, metricsKey);
    expect(counters.ingestArticles).toEqual({ inserted: 4, updated: 1, duplicate: 4, rejected: 2 });
    expect(counters.viewsApplied).toEqual({ counted: 7, duplicate: 0, unknown_article: 0 });
  });

  it('an empty hash reads as zeros', async () => {
    expect(await readClusterCounters(redis, metricsKey)).toEqual({
      sourceFetches: { changed: 0, not_modified: 0, failed: 0 },
      sourceFetchFailures: {},
      sourceFetchSecondsSum: 0,
      ingestArticles: { inserted: 0, updated: 0, duplicate: 0, rejected: 0 },
      viewsApplied: { counted: 0, duplicate: 0, unknown_article: 0 },
      listPublishes: 0,
      listPublishLagSecondsSum: 0,
      listPublishLagSecondsLast: null,
    });
  });
});
