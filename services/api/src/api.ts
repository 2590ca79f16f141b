import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createRedis, openQueue } from '@newsrank/queue';
import { ListStore, publishedListNames } from '@newsrank/published-lists';
import type { RunningService, ServiceContext } from '@newsrank/runtime';
import { createApp } from './app.ts';
import { ParsePool } from '@newsrank/feed-parser/threads';
import { appDepsFor } from './app-deps.ts';
import { createHttpServer } from './http/http-server.ts';

export interface RunningApi extends RunningService {
  port: number;
}

export async function startApi(context: ServiceContext): Promise<RunningApi> {
  const { config, db, logger } = context;
  const redis = createRedis(config.redis, 'producer');
  redis.on('error', (error) => logger.debug({ err: error }, 'redis connection error'));
  const ingestQueue = openQueue('ingest', { connection: redis, prefix: config.queuePrefix });
  ingestQueue.on('error', (error) => logger.debug({ err: error }, 'ingest queue error'));

  const eventsQueue = openQueue('events', { connection: redis, prefix: config.queuePrefix });
  eventsQueue.on('error', (error) => logger.debug({ err: error }, 'events queue error'));
  // Not produced to here: watched for metrics and the queue dashboard.
  const rankingQueue = openQueue('ranking', { connection: redis, prefix: config.queuePrefix });
  rankingQueue.on('error', (error) => logger.debug({ err: error }, 'ranking queue error'));
  const sourcesQueue = openQueue('sources', { connection: redis, prefix: config.queuePrefix });
  sourcesQueue.on('error', (error) => logger.debug({ err: error }, 'sources queue error'));
  const subscriber = createRedis(config.redis, 'subscriber');
  subscriber.on('error', (error) => logger.debug({ err: error }, 'redis subscriber error'));
  const lists = new ListStore(redis, subscriber, publishedListNames(config.queuePrefix), logger);
  await lists.start();

  const parsePool = new ParsePool(2);
  const queues = { ingest: ingestQueue, events: eventsQueue, ranking: rankingQueue, sources: sourcesQueue };
  const app = createApp(appDepsFor(config, { db, logger, redis, queues, lists, check: parsePool.check }));
  const server = createHttpServer(app, config.httpLimits, logger).listen(config.http.port, config.http.host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'listening');

  return {
    port,
    async close() {
      // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Open event streams would hold the server open: end them.
      await lists.close();
      await closed;
      await parsePool.close();
      await ingestQueue.close();
      await eventsQueue.close();
      await rankingQueue.close();
      await sourcesQueue.close();
      redis.disconnect();
    },
  };
}
