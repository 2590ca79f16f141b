import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '@newsrank/queue';
import { openFileLimit, openMany, openSlowHeaderSocket, openStream, type RawConnection } from './support/held-connections.ts';
import { sampleValue, scrape } from './support/metrics.ts';
import { publishLists, rankingVersion } from './support/published-lists.ts';
import { TEST_REDIS_URL } from './support/redis.ts';
import { startStack, type Stack } from './support/stack.ts';

const SLOW_SOCKETS = 2_000;
const STREAMS = 1_000;
// Both ends hold every socket (this process and the api it starts, which inherits its limit);
// Node cannot raise the limit, so on a machine with a low one the counts shrink to fit it.
const scale = Math.min(1, (openFileLimit() - 400) / (SLOW_SOCKETS + STREAMS));
const slowCount = Math.floor(SLOW_SOCKETS * scale);
const streamCount = Math.floor(STREAMS * scale);
if (scale < 1)
  process.stderr.write(
    `connection-limits: open-file limit ${openFileLimit()}: holding ${slowCount} slow sockets and ${streamCount} streams\n`,
  );

let stack: Stack;
let redis: RedisClient;
let port: number;
const held: RawConnection[] = [];

beforeAll(async () => {
  // The timeouts long enough that the slow sockets are still held when the reads run; the cap at
  // the number of streams the test opens, so the next one meets it.
  stack = await startStack(['api'], { SSE_MAX_CLIENTS: String(streamCount), HTTP_HEADERS_TIMEOUT: '2m', HTTP_REQUEST_TIMEOUT: '2m' });
  port = Number(new URL(stack.baseUrl).port);
  redis = createRedis({ url: TEST_REDIS_URL, clusterNodes: [] }, 'producer');
}, 60_000);
afterAll(async () => {
  for (const connection of held) connection.close();
  redis?.disconnect();
  await stack?.stop();
});

describe('an api process holding thousands of slow and streaming connections', () => {
  it('keeps answering list reads, refuses the stream past its cap, and fans a change out to every stream', async () => {
    const slow = await openMany(slowCount, () => openSlowHeaderSocket(port, 5_000));
    held.push(...slow);
    const streams = await openMany(streamCount, async () => {
      const { connection, answer } = await openStream(port, '/v1/ranking/stream?window=24h&category=all');
      held.push(connection);
      return { connection, status: answer.status };
    });
    expect(streams.filter((stream) => stream.status === 200)).toHaveLength(streamCount);

    for (let i = 0; i < 20; i++) {
      const read = await fetch(`${stack.baseUrl}/v1/ranking`);
      expect(read.status).toBe(200);
      await read.arrayBuffer();
    }
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);

    const refused = await openStream(port);
    held.push(refused.connection);
    expect(refused.answer.status).toBe(503);
    expect(refused.answer.headers['retry-after']).toMatch(/^\d+$/);
    await refused.connection.waitFor(/"too_many_streams"/, 'the JSON error');

    const metrics = await scrape(stack.baseUrl);
    expect(sampleValue(metrics, 'newsrank_sse_clients')).toBe(streamCount);
    expect(sampleValue(metrics, 'newsrank_sse_clients_max')).toBe(streamCount);

    // Still held: none of them was let go to make room.
    expect(slow.filter((connection) => connection.isClosed)).toHaveLength(0);
    expect(streams.filter((stream) => stream.connection.isClosed)).toHaveLength(0);

    const version = rankingVersion(Date.now());
    await publishLists(redis, stack.prefix, [version]);
    await Promise.all(
      streams.map((stream) =>
        stream.connection.waitFor(new RegExp(`"etag":"\\\\"v${version.publishedAtMs}\\\\""`), 'the published version'),
      ),
    );
  }, 120_000);
});
