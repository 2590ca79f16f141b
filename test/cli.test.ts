import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssFeed, testStories } from './support/feeds.ts';
import { freePort } from './support/processes.ts';
import { postEventsUntilAccepted } from './support/events.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMMANDS = ['parse', 'migrate', 'start', 'ingest', 'ranking', 'popular'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The CLI as a person runs it, in a process of its own. */
function cli(
  args: string[],
  env: Record<string, string> = {},
  file = process.execPath,
  prefix = [join(REPO_ROOT, 'services/cli/src/main.ts')],
): Promise<Run> {
  const started = Date.now();
  const child = spawn(file, [...prefix, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

let stack: Stack;
let apiOnly: Stack;
let feedServer: Server;
let feedSite: string;
const dir = mkdtempSync(join(tmpdir(), 'newsrank-cli-'));
const feedFile = join(dir, 'feed.xml');
const brokenFile = join(dir, 'broken.txt');

beforeAll(async () => {
  [stack, apiOnly] = await Promise.all([startStack(['api', 'ingest-worker']), startStack(['api'])]);
  writeFileSync(feedFile, rssFeed(testStories(5)));
  writeFileSync(brokenFile, '');
  // A publisher's site: /feed.xml serves another five stories, anything else is missing.
  feedServer = createServer((req, res) => {
    if (req.url !== '/feed.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(testStories(5, 'https://other.example')));
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedSite = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  feedServer?.close();
  await Promise.all([stack?.stop(), apiOnly?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('newsrank ingest', () => {
  it('posts the document, waits for the worker and prints the report', async () => {
    const run = await cli(['ingest', feedFile, '--api', stack.baseUrl], stack.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const job = JSON.parse(run.stdout) as { status: string; result: { inserted: number } };
    expect(job.status).toBe('completed');
    expect(job.result.inserted).toBe(5);
  });

  it('fetches a URL and posts what it serves', async () => {
    const run = await cli(['ingest', `${feedSite}/feed.xml`, '--api', stack.baseUrl], stack.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { result: { inserted: number } }).result.inserted).toBe(5);
  });

  it('names a URL that does not serve a document', async () => {
    const run = await cli(['ingest', `${feedSite}/gone.xml`, '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`newsrank ingest: ${feedSite}/gone.xml: answered 404 Not Found\n`);
  });

  it('names stdin when what came on it was refused', async () => {
    const run = await cli(['ingest', '-', '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('newsrank ingest: stdin: the API refused it: 400 empty_body: the request body is empty\n');
  });

  it('names a missing file', async () => {
    const missing = join(dir, 'no-such-feed.xml');
    const run = await cli(['ingest', missing, '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`newsrank ingest: ${missing}: no such file\n`);
  });

  it('names a directory given as the document', async () => {
    const run = await cli(['ingest', dir, '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`newsrank ingest: ${dir}: is a directory, not a document\n`);
  });

  it("names the file the API refused, with the API's error code and message", async () => {
    const run = await cli(['ingest', brokenFile, '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`newsrank ingest: ${brokenFile}: the API refused it: 400 empty_body: the request body is empty\n`);
  });

  it('names the file and the address when no API answers there, and says how to start one', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const run = await cli(['ingest', feedFile, '--api', nowhere], stack.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`newsrank ingest: ${feedFile}: no API answers at ${nowhere}`);
    expect(run.stderr).toContain('./newsrank start');
  });

  it('stops after --wait when no ingest worker takes the job', async () => {
    const run = await cli(['ingest', feedFile, '--api', apiOnly.baseUrl, '--wait', '2s'], apiOnly.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^newsrank ingest: ${feedFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: job \\S+ is still queued after 2s: is an ingest worker running\\?\\n$`,
      ),
    );
    expect(run.ms).toBeGreaterThanOrEqual(2_000);
    expect(run.ms).toBeLessThan(15_000);
  });

  it('with --no-wait prints the accepted job and exits at once', async () => {
    const run = await cli(['ingest', feedFile, '--api', apiOnly.baseUrl, '--no-wait'], apiOnly.env);
    expect(run.code).toBe(0);
    const accepted = JSON.parse(run.stdout) as { jobId: string; statusUrl: string };
    expect(accepted.statusUrl).toContain(accepted.jobId);
  });
});

describe('newsrank parse', () => {
  it('prints the document, and names a missing file on one line', async () => {
    const parsed = await cli(['parse', feedFile]);
    expect(parsed.code).toBe(0);
    expect((JSON.parse(parsed.stdout) as { articles: unknown[] }).articles).toHaveLength(5);
    const missing = await cli(['parse', join(dir, 'absent.xml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`newsrank parse: ${join(dir, 'absent.xml')}: no such file\n`);
  });
});

describe.each(['ranking', 'popular'])('newsrank %s', (command) => {
  it('names an unknown category and the known ones, exit 1', async () => {
    const run = await cli([command, '--category', 'xyz', '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`newsrank ${command}: no category "xyz"; known: culture, economy, politics, sports, world\n`);
  });

  it('says "no views yet" for a known category without views', async () => {
    const run = await cli([command, '--category', 'Politics', '--api', stack.baseUrl], stack.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no views yet in politics');
    expect(run.stdout).not.toContain('never');
  });
});

describe.each([
  ['ranking', /^ *rank +prev +views +title +category +published$/m],
  ['popular', /^ *rank +score +title +category +published$/m],
])('newsrank %s once views arrive', (command, header) => {
  it('prints the list as a table', async () => {
    if (!stack.processes.some((process) => process.name === 'ranking-worker')) {
      await stack.start('ranking-worker');
      await postEventsUntilAccepted(
        stack.baseUrl,
        ['news', 'news', 'news', 'other'].map((site) => ({ type: 'view' as const, url: `https://${site}.example/articles/1` })),
      );
    }
    const run = await eventually(
      async () => {
        const attempt = await cli([command, '--category', 'politics', '--api', stack.baseUrl], stack.env);
        return attempt.stdout.split('Story number 1').length === 3 ? attempt : undefined;
      },
      30_000,
      `${command} to list the viewed stories`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(header);
    const rows = run.stdout.split('\n').filter((line) => line.includes('Story number'));
    expect(rows[0]).toMatch(/^ +1 .*Story number 1 +Politics +2025-01-13T09:00:00Z$/);
    expect(rows[1]).toMatch(/^ +2 .*Story number 1 +Politics/);
  }, 60_000);
});

describe('newsrank --help', () => {
  it.each(COMMANDS)('%s --help prints its usage to stdout and exits 0', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^usage: newsrank ${command}`));
    expect(run.stdout).toContain(`./newsrank ${command}`);
  });

  it('./newsrank --help lists every command, with no complaint about a missing value', async () => {
    const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
    const run = await cli(['--help'], { PATH: path }, join(REPO_ROOT, 'newsrank'), []);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('needs a value');
    for (const command of COMMANDS) expect(run.stdout).toContain(`newsrank ${command}`);
  });

  it.each(['start', 'migrate'])('./newsrank %s --help answers without starting any server', async (command) => {
    const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
    // Addresses where nothing answers: were servers started for help, they would be started here.
    const env = { PATH: path, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' };
    const run = await cli([command, '--help'], env, join(REPO_ROOT, 'newsrank'), []);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: newsrank ${command}`));
    expect(run.stderr).not.toMatch(/starting|postgres|redis/i);
  });

  it('an unknown command is one line of error and the usage on stderr, exit 2', async () => {
    const run = await cli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe('newsrank: unknown command "frobnicate"');
    expect(run.stderr).toContain('usage: newsrank <command>');
  });
});
