import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './processes.ts';

const REDIS_SERVER = process.env.TEST_REDIS_SERVER ?? 'redis-server';

/** A redis-server of the test's own, configured as production runs it: AOF, noeviction. */
export interface PrivateRedis {
  port: number;
  url: string;
  /** The data directory (AOF files); it survives crash() so start() recovers from it. */
  dir: string;
  /** SIGKILL: a crash, with no chance to write anything more. Resolves once the process is gone. */
  crash(): Promise<void>;
  /** Starts it again on the same port from the same directory; resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  destroy(): Promise<void>;
}

export interface RedisServerOptions {
  /** `always` (default) fsyncs every write before answering: nothing acknowledged is lost. */
  appendfsync?: 'always' | 'everysec';
  extraArgs?: string[];
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'newsrank-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    options.appendfsync ?? 'always',
    '--maxmemory-policy',
    'noeviction',
    ...(options.extraArgs ?? []),
  ];
  let child: ChildProcess | null = null;

  const server: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async crash() {
      if (!child) return;
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async start() {
      child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
      await waitForPing(port);
    },
    async destroy() {
      await server.crash();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** Resolves once a server on `port` answers PING (loading the AOF answers LOADING until done). */
export async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer: ${String(error)}`);
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
