import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ManagedServer {
  readonly name: string;
  stop(): Promise<void>;
}

export interface ServerLaunch {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  /** Resolves true once the server serves requests (not merely listens). */
  ready(): Promise<boolean>;
  stopSignal: NodeJS.Signals;
  uid?: number;
  gid?: number;
  readyTimeoutMs?: number;
}

function lastLines(file: string, count: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '';
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Runs a server as a child in its own process group (a Ctrl-C in the terminal must not stop the
 * database before the processes using it have shut down), with its output in a log file.
 */
export async function launchServer(launch: ServerLaunch): Promise<ManagedServer> {
  const log = openSync(launch.logFile, 'a');
  const options: SpawnOptions = { detached: true, stdio: ['ignore', log, log] };
  if (launch.uid !== undefined) options.uid = launch.uid;
  if (launch.gid !== undefined) options.gid = launch.gid;
  let child: ChildProcess;
  try {
    child = spawn(launch.command, launch.args, options);
  } finally {
    closeSync(log);
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(launch.stopSignal);
    const gone = await Promise.race([exited(child).then(() => true), sleep(30_000, undefined, { ref: false }).then(() => false)]);
    if (!gone) {
      child.kill('SIGKILL');
      await exited(child);
    }
  };
  const deadline = Date.now() + (launch.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const failure = await Promise.race([spawnError, sleep(200).then(() => null)]);
    if (failure) throw new Error(`${launch.name} could not be started (${launch.command}): ${failure.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${launch.name} exited at start (${child.exitCode ?? child.signalCode}); its log ${launch.logFile} ends:\n${lastLines(launch.logFile, 15)}`,
      );
    }
    if (await launch.ready()) return { name: launch.name, stop };
  }
  await stop();
  throw new Error(`${launch.name} did not become ready within ${(launch.readyTimeoutMs ?? 60_000) / 1000} s; see ${launch.logFile}`);
}
