import { GroupCommit } from '@newsrank/core';
import { advanceCountingEpoch, isMissingPartitionError, partitionSpanFor, partitionStart, type Db } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import { CLUSTER_FIELDS, addCounts, markViewsWaiting } from '@newsrank/metrics';
import { needsRebase } from '@newsrank/ranking';
import type { QueuedViewEvent, RedisClient } from '@newsrank/queue';
import { applyViews, type VisitorSink } from './apply-views.ts';
import { maintainLandmark } from './landmark.ts';
import { ensurePartitions } from './prune.ts';
import { retentionOf, type RetentionSettings } from './retention.ts';

export interface ViewApplierDeps {
  db: Db;
  redis: RedisClient;
  /** Counter bumped after each committed batch, telling the publisher something changed. */
  appliedCounterKey: string;
  /** The deployment's metrics hash (clusterMetricsKey): views applied, when they began waiting. */
  metricsKey: string;
  halfLifeMs: number;
  logger: Logger;
  /** T0 as the worker found it at start; refreshed by every batch. */
  t0Ms: number;
  /** RANKING_REFRESH_MS: how often the lists are published, which bounds how long views may wait. */
  refreshMs: number;
  /** Where the visitors of counted views go (the deployment's queue prefix). */
  visitorPrefix: string;
  /** The retention settings, from which the partitions a batch writes to follow. */
  retention: RetentionSettings;
}

export interface ViewApplier {
  submit(events: readonly QueuedViewEvent[]): Promise<void>;
  drain(): Promise<void>;
  totals(): { counted: number; engaged: number; duplicates: number; unknownArticles: number; batches: number };
}

/** Up to this many events share one transaction; more wait for the next. */
const MAX_BATCH_EVENTS = 20_000;
/**
 * How long the first job of a batch waits for company before the batch is written. A transaction
 * costs about ten round trips and a fixed share of the database's and this process's CPU whatever
 * its size, so under a stream of small jobs (one per group of API requests) a longer wait means
 * fewer, larger transactions and more CPU left for taking requests. A view is published at the
 * first tick after its commit anyway, so a twentieth of the refresh interval (at most 50 ms) adds
 * little to its way into the lists (docs/benchmarks.md, "Choices the benchmarks settled").
 */
export function batchLingerMs(refreshMs: number): number {
  return Math.min(50, Math.max(2, Math.round(refreshMs / 20)));
}
/** Transactions at once: one connection's inserts top out below what the database takes from two. */
const WRITES_IN_FLIGHT = 2;

/** Group-commits the views of all jobs in flight in this process: one transaction for many jobs. */
export function createViewApplier(deps: ViewApplierDeps): ViewApplier {
  const { db, redis, halfLifeMs, logger } = deps;
  let t0Ms = deps.t0Ms;
  const totals = { counted: 0, engaged: 0, duplicates: 0, unknownArticles: 0, batches: 0 };
  const visitors: VisitorSink = { redis, prefix: deps.visitorPrefix };
  const epochSpanMs = partitionSpanFor(retentionOf(deps.retention).counted_events);
  /** The newest counting epoch seen stored; no lower bound until the first batch reads it. */
  let epochMs = Number.NEGATIVE_INFINITY;
  // An epoch per partition of counted_events: a batch records under the partition its clock is
  // in (or one another replica already moved to), so records land in a partition of the current
  // grid and age out with it; moving on waits for the batches still under the old one.
  const currentEpoch = async () => {
    const due = partitionStart(Date.now(), epochSpanMs);
    if (due > epochMs) epochMs = Math.max(epochMs, await advanceCountingEpoch(db, due));
  };

  const group = new GroupCommit<QueuedViewEvent>(
    async (events) => {
      if (needsRebase(t0Ms, Date.now(), halfLifeMs)) t0Ms = await maintainLandmark(db, halfLifeMs, Date.now(), logger);
      await currentEpoch();
      const outcome = await applyViews(db, events, halfLifeMs, visitors).catch(async (error: unknown) => {
        // Partition maintenance fell behind (a clock jumped, the prune job did not run): make
        // them now and apply again; the batch rolled back whole, so it adds nothing twice.
        if (!isMissingPartitionError(error)) throw error;
        logger.warn({ err: error }, 'a view had no partition to go to; creating partitions');
        await ensurePartitions(db, deps.retention, Date.now());
        return applyViews(db, events, halfLifeMs, visitors);
      });
      t0Ms = outcome.t0Ms;
      epochMs = Math.max(epochMs, outcome.epochMs);
      totals.batches += 1;
      totals.counted += outcome.counted;
      totals.engaged += outcome.engaged;
      totals.duplicates += outcome.duplicates;
      totals.unknownArticles += outcome.unknownArticles;
      if (outcome.unknownArticles > 0) logger.warn({ events: outcome.unknownArticles }, 'dropped views of articles that no longer exist');
      logger.debug({ received: outcome.received, counted: outcome.counted, duplicates: outcome.duplicates }, 'views applied');
      // Bumped even when nothing was new: a batch re-applied after a crash may be the first to
      // reach the publisher's attention for views the crashed worker committed.
      const signal = redis.multi().incr(deps.appliedCounterKey);
      addCounts(signal, deps.metricsKey, CLUSTER_FIELDS.viewsApplied, {
        counted: outcome.counted,
        duplicate: outcome.duplicates,
        unknown_article: outcome.unknownArticles,
      });
      markViewsWaiting(signal, deps.metricsKey, Date.now());
      await signal.exec();
    },
    { maxItems: MAX_BATCH_EVENTS, lingerMs: batchLingerMs(deps.refreshMs), maxInFlight: WRITES_IN_FLIGHT },
  );

  return {
    submit: (events) => (events.length === 0 ? Promise.resolve() : group.submit(events)),
    drain: () => group.drain(),
    totals: () => ({ ...totals }),
  };
}
