import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { INGEST_JOB_OPTIONS, QUEUE_NAMES, createRedis } from '@newsrank/queue';
import type { RunningService, ServiceContext } from '@newsrank/runtime';
import { createApp } from './app.ts';

export interface RunningApi extends RunningService {
  port: number;
}

export async function startApi(context: ServiceContext): Promise<RunningApi> {
  const { config, db, logger } = context;
  const redis = createRedis(config.redis, 'producer');
  redis.on('error', (error) => logger.debug({ err: error }, 'redis connection error'));
  const ingestQueue = new Queue(QUEUE_NAMES.ingest, { connection: redis, prefix: config.queuePrefix, defaultJobOptions: INGEST_JOB_OPTIONS });
  ingestQueue.on('error', (error) => logger.debug({ err: error }, 'ingest queue error'));

  const app = createApp({ db, logger, redis, ingestQueue, ingestTokens: config.ingestTokens, feedMaxBytes: config.feedMaxBytes });
  const server = app.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'listening');

  return {
    port,
    async close() {
      // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await ingestQueue.close();
      redis.disconnect();
    },
  };
}
