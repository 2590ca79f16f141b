import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

export type ServiceName = 'api' | 'ingest-worker' | 'ranking-worker';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Lines the process wrote to stdout (JSON logs) and stderr, newest last, at most 500 kept. */
  output: string[];
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  /** Writes a V8 CPU profile into this directory when the process exits. */
  profileDir?: string | undefined;
}

/** Starts `node <entry>` from the repository root; output is kept for diagnostics, never echoed. */
export function spawnNode(name: string, entry: string, options: SpawnOptions): RunningProcess {
  const profile = options.profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: string) => {
    output.push(...chunk.split('\n').filter(Boolean));
    if (output.length > 500) output.splice(0, output.length - 500);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One of the project's processes, exactly as it runs in production: `node services/<name>/src/main.ts`. */
export function spawnService(name: ServiceName, options: SpawnOptions): RunningProcess {
  return spawnNode(name, `services/${name}/src/main.ts`, options);
}

async function until(what: string, process: RunningProcess, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.child.exitCode !== null) throw new Error(`${process.name} exited before ${what}:\n${process.output.slice(-20).join('\n')}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${process.name}: no ${what} within ${timeoutMs} ms:\n${process.output.slice(-20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The API is ready once /readyz answers 200 (database, Redis and migrations checked). */
export function waitForApi(process: RunningProcess, baseUrl: string): Promise<void> {
  return until('ready API', process, async () => (await fetch(`${baseUrl}/readyz`)).status === 200);
}

/** A worker is ready once BullMQ lists it among the workers of its queue. */
export async function waitForWorker(process: RunningProcess, redisUrl: string, prefix: string, queueName: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(queueName, { connection, prefix });
  try {
    await until(`worker on queue ${queueName}`, process, async () => (await queue.getWorkersCount()) > 0);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
