import express, { type Express } from 'express';
import type { Queue } from 'bullmq';
import type { Db } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import { errorHandler, notFound } from './http/errors.ts';
import { requestContext } from './http/request-context.ts';
import { articleRoutes } from './routes/articles.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { eventRoutes } from './routes/events.ts';
import { listRoutes } from './routes/lists.ts';
import type { ArticleResolver } from './events/article-resolver.ts';
import type { ListStore } from './lists/list-store.ts';
import type { DocumentChecker } from './parsing/document-checker.ts';

export interface AppDeps {
  db: Db;
  logger: Logger;
  redis: RedisClient;
  ingestQueue: Queue;
  ingestTokens: string[];
  feedMaxBytes: number;
  documentChecker: DocumentChecker;
  /** Access events in, lists out. */
  ranking: {
    eventsQueue: Queue;
    resolver: ArticleResolver;
    lists: ListStore;
    dedupRetentionMs: number;
    halfLifeMs: number;
    historyDays: number;
  };
}

/** The HTTP surface, built from its dependencies so tests can run it without a process around it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestContext(deps.logger));
  app.use(healthRoutes(deps.db, deps.redis));
  app.use(ingestRoutes(deps));
  app.use(articleRoutes(deps.db));
  app.use(eventRoutes({ ...deps.ranking, redis: deps.redis }));
  app.use(listRoutes({ db: deps.db, ...deps.ranking }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
