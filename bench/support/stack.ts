import { randomBytes } from 'node:crypto';
import { QUEUE_NAMES } from '@newsrank/queue';
import { BENCH_TOKEN } from './api-client.ts';
import { createBenchDatabase, type BenchDatabase } from './database.ts';
import { freePort } from '../../test/support/processes.ts';
import { spawnService, waitForApi, waitForWorker, type RunningProcess, type ServiceName } from './processes.ts';

export interface StackOptions {
  label: string;
  redisUrl: string;
  services: ServiceName[];
  /** Set for every process: RANKING_REFRESH_MS and the like. */
  env?: Record<string, string>;
  /** Set for one service only (the scale scenario reads the ranking worker's info logs). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  profileDir?: string | undefined;
  /** An existing database to run against (the scale scenario loads its own); created otherwise. */
  database?: BenchDatabase;
}

export interface BenchStack {
  baseUrl: string;
  prefix: string;
  env: Record<string, string>;
  database: BenchDatabase;
  processes: RunningProcess[];
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

const WORKER_QUEUE = { 'ingest-worker': QUEUE_NAMES.ingest, 'ranking-worker': QUEUE_NAMES.events } as const;

/**
 * The real processes against a database and queue prefix of the benchmark's own, configured as a
 * load test needs them: no rate limit (all load comes from one address); otherwise the defaults.
 */
export async function startStack(options: StackOptions): Promise<BenchStack> {
  const database = options.database ?? (await createBenchDatabase(options.label));
  const prefix = `{nrb-${randomBytes(4).toString('hex')}}`;
  const port = await freePort();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    INGEST_TOKENS: BENCH_TOKEN,
    RATE_LIMIT_PER_MINUTE: '0',
    // The default level (info), as `pnpm start` runs: the access log is part of what a request costs.
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const processes = options.services.map((name) =>
    spawnService(name, { env: { ...env, ...options.serviceEnv?.[name] }, profileDir: options.profileDir }),
  );
  const stack: BenchStack = {
    baseUrl,
    prefix,
    env,
    database,
    processes,
    async stop({ keepDatabase = false } = {}) {
      await Promise.all(processes.map((process) => process.stop()));
      if (!keepDatabase) await database.drop();
    },
  };
  try {
    await Promise.all(
      processes.map((process) =>
        process.name === 'api'
          ? waitForApi(process, baseUrl)
          : waitForWorker(process, options.redisUrl, prefix, WORKER_QUEUE[process.name as keyof typeof WORKER_QUEUE]),
      ),
    );
  } catch (error) {
    await stack.stop({ keepDatabase: options.database !== undefined });
    throw error;
  }
  return stack;
}
