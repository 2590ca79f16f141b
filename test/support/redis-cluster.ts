import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './processes.ts';
import { waitForPing } from './redis-server.ts';

const run = promisify(execFile);
const REDIS_SERVER = process.env.TEST_REDIS_SERVER ?? 'redis-server';
const REDIS_CLI = process.env.TEST_REDIS_CLI ?? 'redis-cli';

export interface RedisClusterUnderTest {
  ports: number[];
  /** `host:port,host:port,…` as REDIS_CLUSTER_NODES takes it. */
  nodes: string;
  destroy(): Promise<void>;
}

/**
 * A Redis Cluster of `masters` masters and no replicas on free local ports, each node with AOF
 * and noeviction as production would run it; resolves once every node reports cluster_state:ok.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'newsrank-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const destroy = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(
        spawn(
          REDIS_SERVER,
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--dir',
            dir,
            '--save',
            '',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            '5000',
            '--appendonly',
            'yes',
            '--appendfilename',
            `appendonly-${port}.aof`,
            '--appenddirname',
            `aof-${port}`,
            '--appendfsync',
            'everysec',
            '--maxmemory-policy',
            'noeviction',
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    await Promise.all(ports.map((port) => waitForPing(port)));
    await run(REDIS_CLI, ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(ports.map((port) => waitForClusterOk(port)));
  } catch (error) {
    await destroy();
    throw error;
  }
  return { ports, nodes: ports.map((port) => `127.0.0.1:${port}`).join(','), destroy };
}

async function waitForClusterOk(port: number, timeoutMs = 20_000): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    while (!/cluster_state:ok/.test(await client.cluster('INFO'))) {
      if (Date.now() > deadline) throw new Error(`cluster node ${port} never reported cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.disconnect();
  }
}
