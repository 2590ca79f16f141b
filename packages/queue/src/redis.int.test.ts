import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { TEST_REDIS_URL } from '../../../test/support/redis.ts';
import { createRedis, redisIsReady, type RedisClient } from './redis.ts';

const clients: RedisClient[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const server of servers.splice(0)) server.close();
});

function producer(url: string): RedisClient {
  const client = createRedis({ url, clusterNodes: [] }, 'producer');
  client.on('error', () => {});
  clients.push(client);
  return client;
}

/** A port that accepts connections and never answers: a Redis that is still starting, as seen from a client. */
async function silentPort(): Promise<number> {
  const server = createServer(() => {});
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('redisIsReady', () => {
  it('waits for a connection still being made instead of refusing at once', async () => {
    const client = producer(TEST_REDIS_URL);
    expect(client.status).not.toBe('ready');
    expect(await redisIsReady(client, 5_000)).toBe(true);
  });

  it('gives up after the wait when the connection is not ready in time', async () => {
    const client = producer(`redis://127.0.0.1:${await silentPort()}`);
    const started = Date.now();
    expect(await redisIsReady(client, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('answers at once for a client that has ended', async () => {
    const client = producer(TEST_REDIS_URL);
    await redisIsReady(client, 5_000);
    const ended = once(client, 'end');
    client.disconnect();
    await ended;
    const asked = Date.now();
    expect(await redisIsReady(client, 5_000)).toBe(false);
    expect(Date.now() - asked).toBeLessThan(1_000);
  });
});
