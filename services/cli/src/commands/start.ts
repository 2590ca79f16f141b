import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@newsrank/config';
import { PROCESSES, type ProcessName } from './processes.ts';
import { readyBanner } from './ready-banner.ts';

// Each service names its entry point in its package exports: no path into another package's tree.
const entry = (name: ProcessName) => fileURLToPath(import.meta.resolve(`@newsrank/${name}/main`));

/**
 * `start all` runs each process as its own child, as production runs them, and stops them all
 * together: a signal is passed on to every child, and if one exits the others are stopped too.
 */
export async function startCommand(which: string): Promise<number> {
  const names: readonly ProcessName[] = which === 'all' ? PROCESSES : PROCESSES.filter((name) => name === which);
  if (names.length === 0) {
    process.stderr.write(`newsrank start: unknown process "${which}"; expected one of ${PROCESSES.join(', ')}, all\n`);
    return 2;
  }
  if (names.length === 1) {
    await import(entry(names[0] as ProcessName));
    return new Promise<number>(() => {});
  }
  const children = new Map<ProcessName, ChildProcess>();
  let stopping = false;
  let exitCode = 0;
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
  };
  for (const name of names) {
    // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and a
    // child that got SIGINT from the terminal and again from here would take it as a second,
    // forcing signal. Here every signal reaches each child exactly once, through stopAll.
    const child = spawn(process.execPath, [entry(name)], { stdio: 'inherit', env: process.env, detached: true });
    children.set(name, child);
  }
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  if (names.includes('api')) void announceWhenReady(() => stopping);
  await Promise.all(
    [...children.entries()].map(
      ([name, child]) =>
        new Promise<void>((resolve) => {
          child.on('exit', (code, signal) => {
            if (code !== 0) exitCode = 1;
            if (!stopping) {
              process.stderr.write(`newsrank start: ${name} exited (${signal ?? code}); stopping the others\n`);
              stopAll('SIGTERM');
            }
            resolve();
          });
        }),
    ),
  );
  return exitCode;
}

/** Prints the banner once the api's /readyz answers 200 (migrations applied, both stores reachable). */
async function announceWhenReady(stopped: () => boolean): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return; // each process reports it, one line per variable
    throw error;
  }
  const readyz = `http://127.0.0.1:${config.http.port}/readyz`;
  while (!stopped()) {
    const ready = await fetch(readyz, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      if (!stopped()) process.stdout.write(readyBanner(config));
      return;
    }
    await sleep(250);
  }
}
