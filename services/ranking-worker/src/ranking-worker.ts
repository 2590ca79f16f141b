import { Worker } from 'bullmq';
import { WindowVisitors } from '@newsrank/analytics';
import {
  QUEUE_NAMES,
  assertNoEviction,
  createRedis,
  dispatchJobs,
  openQueue,
  upsertJobSchedulers,
  type JobHandlers,
} from '@newsrank/queue';
import { autovacuumIsOn } from '@newsrank/db';
import { publishedListNames } from '@newsrank/published-lists';
import type { RunningService, ServiceContext } from '@newsrank/runtime';
import { clusterMetricsKey } from '@newsrank/metrics';
import { eventsProcessor } from './events-processor.ts';
import { maintainLandmark } from './landmark.ts';
import { ensurePartitions, pruneRankingData } from './prune.ts';
import { publishLists, publishReadLanes } from './publish-lists.ts';
import { retryFailedEventJobs } from './retry-failed-events.ts';
import { createViewApplier } from './view-applier.ts';

/**
 * Event jobs are short (one group-committed transaction), so a short lock lets a job held by a
 * killed worker go back to the queue within seconds; a lock lost to a slow database only means
 * the job runs twice, which the dedup records absorb. Many kills in a row must not fail a job.
 */
const EVENTS_WORKER_OPTIONS = { lockDuration: 10_000, stalledInterval: 3_000, maxStalledCount: 10 };
const TOTALS_LOG_EVERY_MS = 10_000;
/**
 * BullMQ schedules a scheduler's next job when a worker takes the current one; a worker killed in
 * between would leave no next tick. Re-upserting now and then (idempotent) mends that.
 */
const SCHEDULERS_REFRESH_MS = 60_000;

export async function startRankingWorker(context: ServiceContext): Promise<RunningService> {
  const { config, db, logger } = context;
  const connection = createRedis(config.redis, 'worker');
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  await assertNoEviction(connection);
  const names = publishedListNames(config.queuePrefix);
  const metricsKey = clusterMetricsKey(config.queuePrefix);
  const halfLifeMs = config.popularityHalfLifeMs;
  const t0Ms = await maintainLandmark(db, halfLifeMs, Date.now(), logger);
  const retention = { dedupRetentionMs: config.eventDedupRetentionMs, historyDays: config.rankingHistoryDays };
  // Before any batch is applied; the prune job keeps them ahead from here on.
  await ensurePartitions(db, retention);
  if (!(await autovacuumIsOn(db))) {
    logger.warn('the database runs without autovacuum: each retention pass vacuums the tables this worker rewrites rows of');
  }

  const rankingQueue = openQueue('ranking', { connection, prefix: config.queuePrefix });
  rankingQueue.on('error', (error) => logger.warn({ err: error }, 'ranking queue error'));
  // Only to put event jobs that failed for good back in the queue (retryFailedEventJobs).
  const eventsQueue = openQueue('events', { connection, prefix: config.queuePrefix });
  eventsQueue.on('error', (error) => logger.warn({ err: error }, 'events queue error'));
  // Every worker upserts the same schedulers; BullMQ hands each tick to exactly one of them.
  const upsertSchedulers = () =>
    upsertJobSchedulers(rankingQueue, {
      rankingRefreshMs: config.rankingRefreshMs,
      retentionIntervalMs: config.retentionIntervalMs,
    });
  await upsertSchedulers();
  const schedulersTimer = setInterval(() => {
    upsertSchedulers().catch((error: unknown) => logger.warn({ err: error }, 'could not refresh the job schedulers'));
  }, SCHEDULERS_REFRESH_MS);
  schedulersTimer.unref();

  const applier = createViewApplier({
    db,
    redis: connection,
    appliedCounterKey: names.appliedCounter,
    metricsKey,
    halfLifeMs,
    logger,
    t0Ms,
    refreshMs: config.rankingRefreshMs,
    visitorPrefix: config.queuePrefix,
    retention,
  });
  const eventsWorker = new Worker(
    QUEUE_NAMES.events,
    eventsProcessor(applier, logger, { dedupRetentionMs: config.eventDedupRetentionMs }),
    {
      connection,
      prefix: config.queuePrefix,
      concurrency: config.rankingConcurrency,
      ...EVENTS_WORKER_OPTIONS,
    },
  );

  // One per process: it remembers the counts of list entries that did not move since the last tick.
  const visitors = new WindowVisitors(connection, config.queuePrefix);
  const jobLogger = (job: { id?: string | undefined; name: string }) => logger.child({ jobId: job.id, job: job.name });
  const rankingHandlers = {
    publishLists: (_, job) =>
      publishLists({
        db,
        redis: connection,
        names,
        metricsKey,
        halfLifeMs,
        trendingMinViews: config.trendingMinViews,
        visitors,
        readLanes: publishReadLanes(config.databasePoolSize),
        logger: jobLogger(job),
      }),
    pruneRanking: (_, job) => pruneRankingData(db, retention, jobLogger(job)),
    retryFailedEvents: (_, job) => retryFailedEventJobs(eventsQueue, jobLogger(job)),
  } satisfies JobHandlers<'ranking'>;
  const dispatchRanking = dispatchJobs('ranking', rankingHandlers);
  const rankingWorker = new Worker(QUEUE_NAMES.ranking, (job) => dispatchRanking(job), {
    connection,
    prefix: config.queuePrefix,
    concurrency: 1,
  });

  for (const [name, worker] of [
    ['events', eventsWorker],
    ['ranking', rankingWorker],
  ] as const) {
    worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'));
    worker.on('stalled', (jobId) => logger.warn({ jobId, queue: name }, 'job stalled (its worker died or hung); it runs again'));
    worker.on('failed', (job, error) =>
      logger.warn({ jobId: job?.id, job: job?.name, queue: name, attempt: job?.attemptsMade, err: error }, 'job failed'),
    );
  }

  let lastTotals = '';
  const totalsTimer = setInterval(() => {
    const totals = applier.totals();
    const line = JSON.stringify(totals);
    if (line !== lastTotals) logger.info({ totals }, 'views applied so far');
    lastTotals = line;
  }, TOTALS_LOG_EVERY_MS);
  totalsTimer.unref();

  return {
    async close() {
      clearInterval(totalsTimer);
      clearInterval(schedulersTimer);
      // Stop fetching; jobs in flight finish, which needs their group commit to drain.
      await Promise.all([eventsWorker.close(), rankingWorker.close()]);
      await applier.drain();
      await Promise.all([rankingQueue.close(), eventsQueue.close()]);
      connection.disconnect();
    },
  };
}
