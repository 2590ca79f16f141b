import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { freePort, type ProcessName } from './support/processes.ts';
import { TEST_REDIS_URL, deleteQueuePrefix, testQueuePrefix } from './support/redis.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

let database: TestDatabase;
let prefix: string;
beforeAll(async () => {
  database = await createTestDatabase();
  prefix = testQueuePrefix();
});
afterAll(async () => {
  await database?.drop();
  if (prefix) await deleteQueuePrefix(prefix);
});

/**
 * What a CI runner gives a process: stdout a pipe, yet an environment asking for colour. The
 * lines are checked as raw text, since JSON.parse keeps only the last of two equal keys.
 */
const ciEnvironment = () => ({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  FORCE_COLOR: '1',
  TERM: 'xterm-256color',
  DATABASE_URL: database.url,
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: prefix,
  HOST: '127.0.0.1',
});

/** Runs a service until it logs "started", lets `whileRunning` act, stops it, and returns its stdout. */
async function serviceOutput(
  name: ProcessName,
  env: Record<string, string | undefined>,
  whileRunning: () => Promise<void> = async () => {},
): Promise<string> {
  const child = spawn(process.execPath, [`services/${name}/src/main.ts`], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (stdout.includes('"msg":"started"')) {
        clearInterval(poll);
        resolve();
      }
    }, 25);
    void exited.then((code) => {
      clearInterval(poll);
      reject(new Error(`${name} exited (${code}) before starting\n${stderr}\n${stdout}`));
    });
  });
  await whileRunning();
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return stdout;
}

function expectPlainJsonLines(output: string, service: string): void {
  const lines = output.trimEnd().split('\n');
  expect(lines[0]).toBeTruthy();
  for (const line of lines) {
    expect(line).not.toContain('\x1b[');
    expect(line.match(/"service":/g), line).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ service });
  }
}

describe('log lines', () => {
  it('the api writes one JSON object per line, each with one service key and no colour codes', async () => {
    const port = await freePort();
    const output = await serviceOutput('api', { ...ciEnvironment(), PORT: String(port) }, async () => {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    });
    expectPlainJsonLines(output, 'api');
    expect(output).toContain('"msg":"started"');
    expect(output).toContain('"reqId"');
  });

  it.each(['ingest-worker', 'ranking-worker'] as const)(
    'the %s writes one JSON object per line, each with one service key and no colour codes',
    async (name) => {
      const output = await serviceOutput(name, ciEnvironment());
      expectPlainJsonLines(output, name);
      expect(output).toContain('"msg":"stopped"');
    },
  );

  it('newsrank migrate logs the same way', () => {
    const result = spawnSync(process.execPath, ['services/cli/src/main.ts', 'migrate'], {
      cwd: REPO_ROOT,
      env: ciEnvironment(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expectPlainJsonLines(result.stdout, 'migrate');
  });
});
