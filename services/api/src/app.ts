import express, { type Express } from 'express';
import type { Queue } from 'bullmq';
import type { Db } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import { errorHandler, notFound } from './http/errors.ts';
import { allowedMethodsOf, answerOptions, refuseWrongMethod } from './http/allowed-methods.ts';
import { requestContext } from './http/request-context.ts';
import { articleRoutes } from './routes/articles.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { sourceRoutes } from './routes/sources.ts';
import type { SourcesSettings } from '@newsrank/sources/subscriptions';
import { eventRoutes } from './routes/events.ts';
import { listRoutes } from './routes/lists.ts';
import { dashboardRoutes, sourcesPageRoutes, webRoutes, type DashboardData } from '@newsrank/web';
import { requireAdminToken } from './http/admin-auth.ts';
import { adminRoutes } from './routes/admin.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { embeddableCors } from './http/cors.ts';
import { inOneLayer } from './http/one-layer.ts';
import { enteredForItsPathsOnly } from './http/fixed-paths.ts';
import { securityHeaders } from './http/security-headers.ts';
import { recordHttpMetrics } from './metrics/http-metrics.ts';
import { publicRateLimit, type OperationsDeps } from './operations.ts';
import type { ArticleResolver } from '@newsrank/events';
import { statsRoutes } from './routes/stats.ts';
import { articleStats, recentHourlyViews, siteStats, type StatsDeps, type VisitorSalts } from '@newsrank/analytics';
import { currentRank, type ListStore } from '@newsrank/published-lists';
import type { ParsePool } from '@newsrank/feed-parser/threads';
import type { SourceTimeZones } from '@newsrank/config';

export interface AppDeps {
  db: Db;
  logger: Logger;
  redis: RedisClient;
  ingestQueue: Queue;
  ingestTokens: string[];
  /** The deployment's queue prefix: Redis names (the visitor sets) live under it. */
  queuePrefix: string;
  feedMaxBytes: number;
  /** Checks posted documents off the event loop, so a large feed never stalls other requests. */
  parsePool: Pick<ParsePool, 'check'>;
  /** Access events in, lists out. */
  ranking: {
    eventsQueue: Queue;
    resolver: ArticleResolver;
    salts: VisitorSalts;
    lists: ListStore;
    dedupRetentionMs: number;
    halfLifeMs: number;
    historyDays: number;
  };
  /** Subscriptions: fetches are queued for the ingest workers. */
  sources: { queue: Queue; settings: SourcesSettings };
  /** Metrics, security headers, CORS, rate limits and the queue dashboard. */
  operations: OperationsDeps;
  /** The zone the reader pages print each source's times in; unlisted sources are guessed or shown in UTC. */
  sourceTimeZones?: SourceTimeZones;
}

/** What the dashboard pages show, from the same stats the JSON API answers. */
function dashboardDataOf(stats: StatsDeps): DashboardData {
  return {
    siteStats: (window) => siteStats(stats, window),
    articleStats: (articleId, window) => articleStats(stats, articleId, window),
    hourlyViews: (articleIds, hours) => recentHourlyViews(stats, articleIds, hours),
  };
}

/** The HTTP surface, built from its dependencies so tests can run it without a process around it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.operations.trustProxy);
  const allowed = allowedMethodsOf(app);
  // What every request passes, in one router layer (inOneLayer). CORS before the rate limit, so
  // that a 429 reaches the page's script too; it touches only /v1 paths, so it can come before
  // the operations routes.
  app.use(
    inOneLayer(
      requestContext(deps.logger),
      recordHttpMetrics(deps.operations.metrics.httpRequestDuration),
      securityHeaders(),
      embeddableCors(deps.operations.corsOrigins),
      answerOptions(allowed),
    ),
  );
  // Limiting off (RATE_LIMIT_PER_MINUTE=0): no layer at all, rather than one every /v1 request passes.
  if (deps.operations.rateLimitPerMinute > 0) app.use('/v1', publicRateLimit(deps));
  // The hottest routes first, each router entered only for its own paths: every router a
  // request passes on its way costs it a match.
  app.use(enteredForItsPathsOnly(eventRoutes({ ...deps.ranking, redis: deps.redis, countEvents: deps.operations.metrics.countEvents })));
  app.use(enteredForItsPathsOnly(listRoutes({ db: deps.db, ...deps.ranking, streams: deps.operations.streams })));
  app.use(healthRoutes(deps.db, deps.redis));
  app.use(metricsRoutes(deps.operations.metrics.registry));
  app.use(openApiRoutes());
  app.use(adminRoutes({ queues: deps.operations.dashboardQueues, tokens: deps.ingestTokens }));
  app.use(ingestRoutes(deps));
  app.use(sourceRoutes({ ...deps, sourcesQueue: deps.sources.queue, sourcesSettings: deps.sources.settings }));
  const adminAuth = requireAdminToken(deps.ingestTokens);
  const stats: StatsDeps = {
    db: deps.db,
    redis: deps.redis,
    prefix: deps.queuePrefix,
    currentRank: (window, articleId) => currentRank(deps.ranking.lists, window, articleId),
  };
  app.use(statsRoutes({ ...stats, auth: adminAuth }));
  app.use(articleRoutes(deps.db));
  app.use(
    sourcesPageRoutes({
      store: { db: deps.db, sourcesQueue: deps.sources.queue, settings: deps.sources.settings },
      auth: adminAuth,
    }),
  );
  app.use(dashboardRoutes({ data: dashboardDataOf(stats), lists: deps.ranking.lists, auth: adminAuth }));
  app.use(webRoutes({ db: deps.db, lists: deps.ranking.lists, sourceTimeZones: deps.sourceTimeZones ?? {} }));
  app.use(refuseWrongMethod(allowed));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
