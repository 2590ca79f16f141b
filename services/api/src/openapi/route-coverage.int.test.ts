import type { Queue } from 'bullmq';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@newsrank/config';
import { createDb, type Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { QUEUE_NAMES, createRedis, openQueue, type QueueName, type RedisClient } from '@newsrank/queue';
import { ListStore, publishedListNames } from '@newsrank/published-lists';
import { TEST_REDIS_URL, testQueuePrefix } from '../../../../test/support/redis.ts';
import { createApp } from '../app.ts';
import { appDepsFor } from '../app-deps.ts';
import { checkInline } from '@newsrank/feed-parser/threads';
import { listAppRoutes } from './app-routes.ts';
import { buildOpenApiDocument } from '@newsrank/wire/openapi';

let app: Express;
let redis: RedisClient;
let db: Db;
let queues: Queue[];

// The real app, built as the api process builds it; nothing is requested, only its routes read.
beforeAll(() => {
  const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testQueuePrefix() });
  const logger = createLogger({ level: 'silent', name: 'test' });
  db = createDb({ url: config.databaseUrl, poolSize: 1 }).db;
  redis = createRedis(config.redis, 'producer');
  const byName = Object.fromEntries(
    (Object.keys(QUEUE_NAMES) as QueueName[]).map((name) => [name, openQueue(name, { connection: redis, prefix: config.queuePrefix })]),
  ) as Record<QueueName, Queue>;
  queues = Object.values(byName);
  app = createApp(
    appDepsFor(config, {
      db,
      logger,
      redis,
      queues: byName,
      lists: new ListStore(redis, redis, publishedListNames(config.queuePrefix), logger),
      check: checkInline,
    }),
  );
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  redis.disconnect();
  await db.destroy();
});

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('the OpenAPI document and the app', () => {
  it('describe the same routes: none undescribed, none described that the app lacks', () => {
    const answered = new Set(listAppRoutes(app).map((route) => key(route.method, route.path)));
    const described = new Set(
      Object.entries(buildOpenApiDocument().paths).flatMap(([path, item]) => Object.keys(item).map((method) => key(method, path))),
    );
    expect({
      answeredButNotDescribed: [...answered].filter((route) => !described.has(route)).sort(),
      describedButNotAnswered: [...described].filter((route) => !answered.has(route)).sort(),
    }).toEqual({ answeredButNotDescribed: [], describedButNotAnswered: [] });
  });

  it('cover the operations SPEC names', () => {
    const described = Object.keys(buildOpenApiDocument().paths);
    expect(described).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/readyz',
        '/metrics',
        '/openapi.json',
        '/admin/queues',
        '/v1/feeds',
        '/v1/articles',
        '/v1/articles/{id}',
        '/v1/categories',
        '/v1/ingest-jobs/{jobId}',
        '/v1/events',
        '/v1/hit',
        '/v1/ranking',
        '/v1/popular',
        '/v1/ranking/stream',
      ]),
    );
  });
});
