import { availableParallelism } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import { failIngestJob } from '@newsrank/db';
import { clusterMetricsKey, countIngestOutcomes } from '@newsrank/metrics';
import { INGEST_JOB_OPTIONS, JOB_NAMES, QUEUE_NAMES, assertNoEviction, createRedis, handBackOnStop, isIngestDocumentPayload } from '@newsrank/queue';
import type { RunningService, ServiceContext } from '@newsrank/runtime';
import { ingestDocument } from './ingest-document.ts';
import { ParsePool } from '@newsrank/feed-parser/threads';
import { SWEEP_AFTER_MS, sweepIngestJobs } from './sweep.ts';
import { PRUNE_EVERY_MS, pruneIngestJobs } from './prune.ts';

export async function startIngestWorker(context: ServiceContext): Promise<RunningService> {
  const { config, db, logger } = context;
  const connection = createRedis(config.redis, 'worker');
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  await assertNoEviction(connection);
  const metricsKey = clusterMetricsKey(config.queuePrefix);
  const queue = new Queue(QUEUE_NAMES.ingest, { connection, prefix: config.queuePrefix, defaultJobOptions: INGEST_JOB_OPTIONS });
  await queue.upsertJobScheduler(JOB_NAMES.sweepIngestJobs, { every: SWEEP_AFTER_MS }, { name: JOB_NAMES.sweepIngestJobs, opts: { removeOnComplete: true, removeOnFail: 100 } });
  await queue.upsertJobScheduler(JOB_NAMES.pruneIngestJobs, { every: PRUNE_EVERY_MS }, { name: JOB_NAMES.pruneIngestJobs, opts: { removeOnComplete: true, removeOnFail: 100 } });

  const parsePool = new ParsePool(Math.min(config.ingestConcurrency, availableParallelism()));

  const handle = async (job: Job, signal: AbortSignal) => {
    const jobLogger = logger.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
    if (job.name === JOB_NAMES.sweepIngestJobs) return { requeued: await sweepIngestJobs(db, queue, jobLogger) };
    if (job.name === JOB_NAMES.pruneIngestJobs) return { deleted: await pruneIngestJobs(db, config.ingestJobRetentionMs, jobLogger) };
    if (job.name !== JOB_NAMES.ingestDocument || !isIngestDocumentPayload(job.data)) throw new Error(`unknown job ${job.name}`);
    const report = await ingestDocument(db, job.data.ingestJobId, jobLogger, { parse: parsePool.parse, signal });
    if (report) {
      // After the commit and only for a run that stored the document (a rerun finds it done and reports null).
      const counts = { inserted: report.inserted, updated: report.updated, duplicate: report.duplicates, rejected: report.rejected.length };
      await countIngestOutcomes(connection, metricsKey, counts).catch((error: unknown) => jobLogger.warn({ err: error }, 'could not count ingest outcomes'));
    }
    return report ? { inserted: report.inserted, updated: report.updated, duplicates: report.duplicates } : null;
  };

  // On shutdown a job ends after the chunk it is storing and goes back to the queue; one stuck
  // longer than half the shutdown budget is handed back regardless, so close() cannot hang.
  const work = handBackOnStop(handle, {
    graceMs: Math.floor(config.shutdownTimeoutMs / 2),
    onHandBack: (job, reason) => logger.info({ jobId: job.id, reason: reason instanceof Error ? reason.message : String(reason) }, 'job handed back to the queue'),
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
  worker.on('failed', (job, error) => {
    if (!job || job.name !== JOB_NAMES.ingestDocument || !isIngestDocumentPayload(job.data)) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    logger.warn({ jobId: job.id, err: error, final }, 'ingest job failed');
    if (final) void failIngestJob(db, job.data.ingestJobId, error.message, null).catch(() => {});
  });

  return {
    async close() {
      work.stop();
      await worker.close();
      await parsePool.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
