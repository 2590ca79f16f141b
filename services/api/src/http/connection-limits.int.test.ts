import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@newsrank/config';
import { createDb, type Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import { QUEUE_NAMES, createRedis, openQueue, type QueueName, type RedisClient } from '@newsrank/queue';
import { ListStore, publishedListNames } from '@newsrank/published-lists';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from '../../../../test/support/redis.ts';
import { RawConnection, firstAnswer, getRequest, openSlowHeaderSocket, openStream } from '../../../../test/support/held-connections.ts';
import { parseMetrics, sampleValue } from '../../../../test/support/metrics.ts';
import { eventually } from '../../../../test/support/stack.ts';
import { publishLists, rankingVersion } from '../../../../test/support/published-lists.ts';
import { checkInline } from '@newsrank/feed-parser/threads';
import { createApp } from '../app.ts';
import { appDepsFor } from '../app-deps.ts';
import { createHttpServer } from './http-server.ts';

// Timeouts short enough to run out during a test; the stream cap small enough to reach.
const LIMITS = { HTTP_HEADERS_TIMEOUT: '300ms', HTTP_REQUEST_TIMEOUT: '600ms', HTTP_KEEP_ALIVE_TIMEOUT: '1500ms', SSE_MAX_CLIENTS: '2' };

let server: Server;
let port: number;
let redis: RedisClient;
let subscriber: RedisClient;
let lists: ListStore;
let db: Db;
let queues: Queue[];
let prefix: string;
const open: RawConnection[] = [];

// The real app and server, built as the api process builds them, on a port of the test's own.
beforeAll(async () => {
  prefix = testQueuePrefix();
  const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '0', ...LIMITS });
  const logger = createLogger({ level: 'silent', name: 'test' });
  db = createDb({ url: config.databaseUrl, poolSize: 1 }).db;
  redis = createRedis(config.redis, 'producer');
  subscriber = createRedis(config.redis, 'subscriber');
  const byName = Object.fromEntries(
    (Object.keys(QUEUE_NAMES) as QueueName[]).map((name) => [name, openQueue(name, { connection: redis, prefix: prefix })]),
  ) as Record<QueueName, Queue>;
  queues = Object.values(byName);
  lists = new ListStore(redis, subscriber, publishedListNames(prefix), logger);
  await lists.start();
  const app = createApp(appDepsFor(config, { db, logger, redis, queues: byName, lists, check: checkInline }));
  server = createHttpServer(app, config.httpLimits, logger).listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const connection of open) connection.close();
  await lists?.close();
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all(queues.map((queue) => queue.close()));
  await deleteQueuePrefix(prefix);
  redis.disconnect();
  await db.destroy();
});

const held = <T extends { connection: RawConnection } | RawConnection>(value: T): T => {
  open.push('connection' in value ? value.connection : value);
  return value;
};
const openStreams = async () => {
  const metrics = parseMetrics(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
  return sampleValue(metrics, 'newsrank_sse_clients');
};

describe('the cap on event streams', () => {
  it('refuses the stream past SSE_MAX_CLIENTS with 503, Retry-After and the JSON error; a closed stream frees its slot', async () => {
    const first = held(await openStream(port));
    const second = held(await openStream(port));
    expect([first.answer.status, second.answer.status]).toEqual([200, 200]);
    expect(first.answer.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(await openStreams()).toBe(2);

    const refused = held(await openStream(port));
    expect(refused.answer.status).toBe(503);
    expect(Number(refused.answer.headers['retry-after'])).toBeGreaterThanOrEqual(10);
    expect(refused.answer.headers['content-type']).toMatch(/^application\/json/);
    await refused.connection.waitFor(/\}\}$/, 'the whole error body');
    const error = JSON.parse((await firstAnswer(refused.connection)).body) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('too_many_streams');
    expect(error.error.message).toContain('2');

    first.connection.close();
    await eventually(async () => ((await openStreams()) === 1 ? true : undefined), 5_000, 'the closed stream to give back its slot');
    const third = held(await openStream(port));
    expect(third.answer.status).toBe(200);
    expect(await openStreams()).toBe(2);
    second.connection.close();
    third.connection.close();
    await eventually(async () => ((await openStreams()) === 0 ? true : undefined), 5_000, 'every slot back');
  });

  it('answers a malformed stream request with 400 even when every slot is taken', async () => {
    const streams = [held(await openStream(port)), held(await openStream(port))];
    const bad = held(await openStream(port, '/v1/ranking/stream?window=2h'));
    expect(bad.answer.status).toBe(400);
    for (const stream of streams) stream.connection.close();
    await eventually(async () => ((await openStreams()) === 0 ? true : undefined), 5_000, 'every slot back');
  });
});

describe('the HTTP timeouts', () => {
  it('answer a client that never finishes its headers with 408 and close it, however steadily it dribbles', async () => {
    const slow = held(await openSlowHeaderSocket(port, 50));
    await slow.closed;
    const answer = await firstAnswer(slow);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
  });

  it('answer a body that does not arrive within the request timeout with 408', async () => {
    const connection = held(await RawConnection.open(port));
    connection.write(
      'POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"events":',
    );
    await connection.closed;
    expect((await firstAnswer(connection)).status).toBe(408);
  });

  it('close an idle keep-alive connection after the keep-alive timeout, and say so in Keep-Alive', async () => {
    const connection = held(await RawConnection.open(port));
    connection.write(getRequest('/healthz'));
    const answer = await firstAnswer(connection);
    expect(answer.status).toBe(200);
    expect(answer.headers['keep-alive']).toBe('timeout=1');
    await connection.closed;
    expect(connection.endedByServer).toBe(true);
  });

  it('do not cut a keep-alive connection that idles past the headers timeout: it counts from a request’s first byte', async () => {
    const connection = held(await RawConnection.open(port));
    connection.write(getRequest('/healthz'));
    await connection.waitFor(/HTTP\/1\.1 200[\s\S]*\r\n\r\n\{.*\}/, 'the first answer');
    // Longer than the headers and request timeouts and several sweeps; shorter than the keep-alive timeout.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(connection.isClosed).toBe(false);
    connection.write(getRequest('/healthz'));
    await connection.waitFor(/(HTTP\/1\.1 200[\s\S]*){2}/, 'a second answer on the same connection');
  });

  it('leave an event stream open long past the request timeout, still delivering list changes', async () => {
    const { connection, answer } = held(await openStream(port, '/v1/ranking/stream?window=24h&category=all'));
    expect(answer.status).toBe(200);
    // Three request timeouts and dozens of sweeps.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(connection.isClosed).toBe(false);
    await publishLists(redis, prefix, [rankingVersion(Date.now())]);
    await connection.waitFor(/"etag":"\\"v\d+\\""/, 'the published version on the stream');
    connection.close();
  });
});
