import type { Queue } from 'bullmq';
import type { Config } from '@newsrank/config';
import { countSourcesByStatus, type Db } from '@newsrank/db';
import type { CheckFunction } from '@newsrank/feed-parser/threads';
import type { Logger } from '@newsrank/logger';
import type { ListStore } from '@newsrank/published-lists';
import type { QueueName, RedisClient } from '@newsrank/queue';
import { sourcesSettings } from '@newsrank/sources/subscriptions';
import { VisitorSalts } from '@newsrank/analytics';
import { ArticleResolver } from '@newsrank/events';
import type { AppDeps } from './app.ts';
import { operationsFor } from './operations.ts';

export interface AppConnections {
  db: Db;
  logger: Logger;
  redis: RedisClient;
  queues: Record<QueueName, Queue>;
  lists: ListStore;
  /** Reads a posted document's markup to check it before it is accepted (checkDocument). */
  check: CheckFunction;
}

/** What createApp is given, from the configuration and the open connections: the api process and its tests build it so. */
export function appDepsFor(config: Config, connections: AppConnections): AppDeps {
  const { db, logger, redis, queues, lists } = connections;
  return {
    db,
    logger,
    redis,
    ingestQueue: queues.ingest,
    ingestTokens: config.ingestTokens,
    queuePrefix: config.queuePrefix,
    feedMaxBytes: config.feedMaxBytes,
    parsePool: { check: connections.check },
    ranking: {
      eventsQueue: queues.events,
      resolver: new ArticleResolver(db),
      salts: new VisitorSalts(redis, config.queuePrefix),
      lists,
      dedupRetentionMs: config.eventDedupRetentionMs,
      halfLifeMs: config.popularityHalfLifeMs,
      historyDays: config.rankingHistoryDays,
    },
    operations: operationsFor(config, redis, Object.values(queues), logger, () => countSourcesByStatus(db)),
    sourceTimeZones: config.sourceTimeZones,
    sources: { queue: queues.sources, settings: sourcesSettings(config.sources, config.feedMaxBytes) },
  };
}
