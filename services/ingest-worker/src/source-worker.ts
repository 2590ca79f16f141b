import { Worker, type Job } from 'bullmq';
import type { Config } from '@newsrank/config';
import type { Db } from '@newsrank/db';
import type { ParseFunction } from '@newsrank/feed-parser/threads';
import type { Logger } from '@newsrank/logger';
import { countSourceFetch } from '@newsrank/metrics';
import {
  QUEUE_NAMES,
  dispatchJobs,
  handBackOnStop,
  openQueue,
  upsertJobSchedulers,
  type JobHandlers,
  type RedisClient,
} from '@newsrank/queue';
import { fetchSource, pollSources, requestWebSub, sourcesSettings, type FetchSourceResult } from '@newsrank/sources/subscriptions';

export interface SourceWorkerDeps {
  config: Config;
  db: Db;
  logger: Logger;
  connection: RedisClient;
  metricsKey: string;
  parse: ParseFunction;
}

/**
 * The `sources` queue inside the ingest worker: the poller's ticks, one job per fetch and
 * WebSub requests. Fetches wait on the network, not the CPU, so they run with a concurrency of
 * their own (FETCH_CONCURRENCY) beside the parsing jobs of the ingest queue.
 */
export async function startSourceWorker(deps: SourceWorkerDeps): Promise<{ close(): Promise<void> }> {
  const { config, db, logger, connection } = deps;
  const settings = sourcesSettings(config.sources, config.feedMaxBytes);
  const sourcesQueue = openQueue('sources', { connection, prefix: config.queuePrefix });
  const ingestQueue = openQueue('ingest', { connection, prefix: config.queuePrefix });
  await upsertJobSchedulers(sourcesQueue, { pollTickMs: config.sources.pollTickMs });

  const jobLogger = (job: Job) => logger.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
  const handlers = {
    pollSources: async (_, job) => pollSources({ db, sourcesQueue, settings, logger: jobLogger(job) }),
    fetchSource: async (payload, job, signal) => {
      const log = jobLogger(job);
      const result = await fetchSource({ db, sourcesQueue, ingestQueue, settings, parse: deps.parse, logger: log }, payload, signal);
      log.info(result, 'source fetched');
      await countFetch(deps, result).catch((error: unknown) => log.warn({ err: error }, 'could not count the fetch'));
      return result;
    },
    requestWebSub: async (payload, job) => requestWebSub({ db, settings, logger: jobLogger(job) }, payload),
  } satisfies JobHandlers<'sources'>;

  const work = handBackOnStop(dispatchJobs('sources', handlers), {
    graceMs: Math.floor(config.shutdownTimeoutMs / 2),
    onHandBack: (job, reason) =>
      logger.info({ jobId: job.id, reason: reason instanceof Error ? reason.message : String(reason) }, 'job handed back to the queue'),
  });
  const worker = new Worker(QUEUE_NAMES.sources, work.processor, {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.sources.fetchConcurrency,
    lockDuration: 30_000,
    stalledInterval: 10_000,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'source worker error'));
  worker.on('failed', (job, error) => logger.warn({ jobId: job?.id, job: job?.name, err: error }, 'source job failed'));

  return {
    async close() {
      work.stop();
      await worker.close();
      await sourcesQueue.close();
      await ingestQueue.close();
    },
  };
}

async function countFetch(deps: SourceWorkerDeps, result: FetchSourceResult): Promise<void> {
  if (result.outcome === 'skipped') return;
  const outcome = result.outcome === 'not-modified' ? 'not_modified' : result.outcome;
  await countSourceFetch(deps.connection, deps.metricsKey, {
    outcome,
    elapsedMs: result.elapsedMs,
    ...(result.outcome === 'failed' ? { reason: result.reason } : {}),
  });
}
