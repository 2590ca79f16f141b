import { createTestDatabase, type TestDatabase } from './database.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from './redis.ts';
import { freePort, startProcess, type ProcessName, type ServiceProcess } from './processes.ts';

export const TEST_TOKEN = 'test-ingest-token';
/** isbot flags node, undici and curl: requests meant to be counted look like a browser. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

export interface Stack {
  database: TestDatabase;
  prefix: string;
  env: Record<string, string>;
  baseUrl: string;
  processes: ServiceProcess[];
  start(name: ProcessName, extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** The real processes against a database and queue prefix of the test file's own. */
export async function startStack(names: ProcessName[], extraEnv: Record<string, string> = {}): Promise<Stack> {
  const database = await createTestDatabase();
  const prefix = testQueuePrefix();
  const port = await freePort();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    INGEST_TOKENS: TEST_TOKEN,
    RATE_LIMIT_PER_MINUTE: '0',
    ...extraEnv,
  };
  const processes: ServiceProcess[] = [];
  const stack: Stack = {
    database,
    prefix,
    env,
    baseUrl: `http://127.0.0.1:${port}`,
    processes,
    async start(name, more = {}) {
      const started = await startProcess(name, { ...env, ...more });
      processes.push(started);
      return started;
    },
    async stop() {
      await Promise.all(processes.map((process) => process.stop()));
      await database.drop();
      await deleteQueuePrefix(prefix);
    },
  };
  for (const name of names) await stack.start(name);
  return stack;
}

/** Polls until `probe` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
