import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { answers } from '../packages/local-services/src/answers.ts';
import { postFeed, waitForJob } from './support/http.ts';
import { freePort } from './support/processes.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURE = readFileSync(new URL('../packages/feed-parser/src/page/fixtures/japan-news-article.txt', import.meta.url));

interface Launch {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | string>;
}

/** `./newsrank start` as a person runs it, on addresses where nothing answers yet. */
function launch(env: Record<string, string>): Launch {
  const child = spawn(join(REPO_ROOT, 'newsrank'), ['start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', INGEST_TOKENS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => output, exited };
}

async function waitFor(condition: () => boolean, what: string, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('./newsrank start on a machine where nothing answers', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'newsrank-state-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('starts its own PostgreSQL and Redis, serves, stores a document, and stops everything on SIGTERM; the data is kept for the next start', async () => {
    const [postgresPort, redisPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      NEWSRANK_STATE_DIR: stateDir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${postgresPort}/newsrank`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(apiPort),
      QUEUE_PREFIX: `{nr-launch-${apiPort}}`,
    };
    const api = `http://127.0.0.1:${apiPort}`;

    const first = launch(env);
    await waitFor(() => first.output().includes('newsrank is ready'), 'the ready banner', first.output);
    expect(first.output()).toContain(`open http://localhost:${apiPort}/`);
    expect(first.output()).toContain("'Authorization: Bearer dev-token'");
    expect(first.output()).toContain('starting a PostgreSQL of its own');
    expect(first.output()).toContain('starting a Redis of its own');
    expect((await fetch(`${api}/readyz`)).status).toBe(200);
    const posted = await postFeed(api, FIXTURE, { contentType: 'text/plain', token: 'dev-token' });
    expect(posted.status).toBe(202);
    const job = await waitForJob(api, ((await posted.json()) as { statusUrl: string }).statusUrl);
    expect(job.status).toBe('completed');
    expect(job.result?.inserted).toBe(1);
    const home = await fetch(`${api}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Reaffirm Cooperation');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    for (const port of [postgresPort, redisPort, apiPort]) expect(await answers('127.0.0.1', port)).toBe(false);

    const second = launch(env);
    await waitFor(() => second.output().includes('newsrank is ready'), 'the second ready banner', second.output);
    expect(second.output()).not.toContain('creating a PostgreSQL cluster');
    const articles = (await (await fetch(`${api}/v1/articles`)).json()) as { items: { title: string }[] };
    expect(articles.items.map((item) => item.title).join()).toContain('Reaffirm Cooperation');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    for (const port of [postgresPort, redisPort, apiPort]) expect(await answers('127.0.0.1', port)).toBe(false);
  }, 240_000);
});
