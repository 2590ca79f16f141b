import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { failIngestJob } from '@newsrank/db';
import { clusterMetricsKey, countIngestOutcomes } from '@newsrank/metrics';
import {
  JOBS,
  QUEUE_NAMES,
  assertNoEviction,
  createRedis,
  dispatchJobs,
  handBackOnStop,
  openQueue,
  upsertJobSchedulers,
  type JobHandlers,
} from '@newsrank/queue';
import type { RunningService, ServiceContext } from '@newsrank/runtime';
import { ingestDocument } from './ingest-document.ts';
import { ParsePool } from '@newsrank/feed-parser/threads';
import { sweepIngestJobs } from './sweep.ts';
import { pruneIngestJobs } from './prune.ts';
import { startSourceWorker } from './source-worker.ts';

export async function startIngestWorker(context: ServiceContext): Promise<RunningService> {
  const { config, db, logger } = context;
  const connection = createRedis(config.redis, 'worker');
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  await assertNoEviction(connection);
  const metricsKey = clusterMetricsKey(config.queuePrefix);
  const queue = openQueue('ingest', { connection, prefix: config.queuePrefix });
  await upsertJobSchedulers(queue, { retentionIntervalMs: config.retentionIntervalMs });

  const parsePool = new ParsePool(Math.min(config.ingestConcurrency, availableParallelism()));

  const jobLogger = (job: Job) => logger.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
  const handlers = {
    ingestDocument: async ({ ingestJobId }, job, signal) => {
      const log = jobLogger(job);
      const report = await ingestDocument(db, ingestJobId, log, { parse: parsePool.parse, signal });
      if (report) {
        // After the commit and only for a run that stored the document (a rerun finds it done and reports null).
        const counts = {
          inserted: report.inserted,
          updated: report.updated,
          duplicate: report.duplicates,
          rejected: report.rejected.length,
        };
        await countIngestOutcomes(connection, metricsKey, counts).catch((error: unknown) =>
          log.warn({ err: error }, 'could not count ingest outcomes'),
        );
      }
      return report ? { inserted: report.inserted, updated: report.updated, duplicates: report.duplicates } : null;
    },
    sweepIngestJobs: async (_, job) => ({ requeued: await sweepIngestJobs(db, queue, jobLogger(job)) }),
    pruneIngestJobs: async (_, job) => ({ deleted: await pruneIngestJobs(db, config.ingestJobRetentionMs, jobLogger(job)) }),
  } satisfies JobHandlers<'ingest'>;
  const handle = dispatchJobs('ingest', handlers);

  // On shutdown a job ends after the chunk it is storing and goes back to the queue; one stuck
  // longer than half the shutdown budget is handed back regardless, so close() cannot hang.
  const work = handBackOnStop(handle, {
    graceMs: Math.floor(config.shutdownTimeoutMs / 2),
    onHandBack: (job, reason) =>
      logger.info({ jobId: job.id, reason: reason instanceof Error ? reason.message : String(reason) }, 'job handed back to the queue'),
  });
  const worker = new Worker(QUEUE_NAMES.ingest, work.processor, {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.ingestConcurrency,
    // Parsing runs on threads, so the event loop stays free to renew locks: a short lock lets
    // the job of a killed worker return to the queue within seconds. Kills in a row, not one
    // stalled run, are what would exhaust maxStalledCount; redelivery is idempotent.
    lockDuration: 15_000,
    stalledInterval: 5_000,
    maxStalledCount: 10,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'ingest worker error'));
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'ingest job stalled (its worker died or hung); it runs again'));
  const sources = await startSourceWorker({ config, db, logger, connection, metricsKey, parse: parsePool.parse });
  worker.on('failed', (job, error) => {
    if (!job || job.name !== JOBS.ingestDocument.name || !JOBS.ingestDocument.payload(job.data)) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    logger.warn({ jobId: job.id, err: error, final }, 'ingest job failed');
    if (final) void failIngestJob(db, job.data.ingestJobId, error.message, null).catch(() => {});
  });

  return {
    async close() {
      work.stop();
      await Promise.all([worker.close(), sources.close()]);
      await parsePool.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
