/**
 * `./newsrank start|test|migrate`: the servers these need, then the command itself as a child;
 * when the command ends (or a signal ends it) the servers started here are stopped too.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, installDebianPackages, isRoot } from './binaries.ts';
import { ensureServers, LocalServerError, stopServers } from './ensure-servers.ts';
import type { ManagedServer } from './managed-server.ts';
import { serverUrlsFor } from './server-urls.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const stateDir = process.env.NEWSRANK_STATE_DIR ?? join(repoRoot, '.newsrank');
const say = (line: string) => process.stderr.write(`newsrank: ${line}\n`);

function commandLine(command: string, args: string[]): [string, string[]] {
  if (command === 'test') return ['pnpm', ['test', ...args]];
  return [process.execPath, [join(repoRoot, 'services/cli/src/main.ts'), command, ...args]];
}

/** The browser tests drive Debian's Chromium; without it they fail, so say what to do first. */
function ensureChromium(): void {
  if (findChromium()) return;
  if (installDebianPackages(['chromium'], say) && findChromium()) return;
  say(
    `the browser tests need Chromium and none is at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}: ${isRoot() ? 'apt-get install chromium' : 'sudo apt-get install chromium'} (or set CHROMIUM_PATH); they will fail without it`,
  );
}

async function main(): Promise<number> {
  const [command = 'start', ...args] = process.argv.slice(2);
  mkdirSync(stateDir, { recursive: true });
  // .newsrank/ holds data and tools, never anything to commit.
  if (!existsSync(join(stateDir, '.gitignore'))) writeFileSync(join(stateDir, '.gitignore'), '*\n');
  let signalled: NodeJS.Signals | null = null;
  let forward: (signal: NodeJS.Signals) => void = (signal) => {
    signalled = signal;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => forward(signal));

  // Asking for help needs no servers: `start --help` must not start PostgreSQL first.
  const helpOnly = command !== 'test' && args.some((arg) => arg === '--help' || arg === '-h');
  if (command === 'test' && !helpOnly) ensureChromium();
  const urls = helpOnly ? null : serverUrlsFor(command, process.env);
  let servers: ManagedServer[] = [];
  try {
    if (urls) servers = await ensureServers(urls, stateDir, say);
  } catch (error) {
    if (error instanceof LocalServerError) {
      say(error.message);
      return 1;
    }
    throw error;
  }
  if (signalled) {
    await stopServers(servers);
    return 128 + (signalled === 'SIGINT' ? 2 : 15);
  }

  const [file, fileArgs] = commandLine(command, args);
  const env = { ...process.env };
  if (command === 'test' && urls) {
    env.TEST_DATABASE_URL = urls.databaseUrl;
    if (urls.redisUrl) env.TEST_REDIS_URL = urls.redisUrl;
  }
  // Its own process group, so a terminal's Ctrl-C reaches it once, through here, and not twice.
  const child = spawn(file, fileArgs, { stdio: 'inherit', env, detached: true });
  forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const code = await new Promise<number>((resolve) => {
    child.once('error', (error) => {
      say(`could not run ${file}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === 'SIGINT' ? 130 : 143)));
  });
  if (servers.length > 0) say(`stopping ${servers.map((server) => server.name).join(' and ')}`);
  await stopServers(servers);
  return code;
}

try {
  process.exitCode = await main();
} catch (error) {
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
