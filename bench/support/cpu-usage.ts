import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU goes during a load, per process: the evidence for "which resource bounds
 * a figure". Read from /proc (Linux); elsewhere `cpuUsageAvailable` is false and nothing is reported.
 */
export interface CpuGroup {
  /** As printed: "api", "postgres". */
  name: string;
  /** The group's processes, looked up again at each reading (a PostgreSQL backend may come and go). */
  pids(): number[];
}

/** Percent of one core per group, during the baseline's and during the subject's slices of a comparison. */
export interface CpuShares {
  baseline: Record<string, number>;
  subject: Record<string, number>;
}

/** CPU time of each group, in seconds of one core. */
export type CpuReading = Map<string, number>;

/** Linux's USER_HZ: /proc reports CPU time in these ticks; it is 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

export const cpuUsageAvailable = (() => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

/** utime + stime of one process, in seconds; 0 for a process that has gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is parenthesised and may hold spaces: count fields after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The processes whose /proc/PID/`file` passes `test`; one that exits meanwhile is skipped. */
function pidsWhere(file: 'comm' | 'cmdline', test: (content: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (test(readFileSync(`/proc/${entry}/${file}`, 'utf8'))) pids.push(Number(entry));
    } catch {
      // It exited between the listing and the read.
    }
  }
  return pids;
}

/** Every process whose command name is `name`, such as all PostgreSQL backends. */
export const pidsNamed = (name: string) => pidsWhere('comm', (comm) => comm.trim() === name);

/** Processes whose command line starts with `text`: the private redis-server by its title, `redis-server HOST:PORT`. */
export const pidsWithCommandLine = (text: string) => pidsWhere('cmdline', (cmdline) => cmdline.replaceAll('\0', ' ').startsWith(text));

export function readCpu(groups: readonly CpuGroup[]): CpuReading {
  const reading: CpuReading = new Map();
  for (const group of groups)
    reading.set(
      group.name,
      group.pids().reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    );
  return reading;
}

/**
 * Accumulates the CPU each group used over several measured intervals (the slices of an
 * interleaved comparison) and reports it as a share of one core: 100% is one core busy the whole
 * time, and on a 2-core machine all groups together can reach 200%.
 */
export class CpuMeter {
  readonly #groups: readonly CpuGroup[];
  readonly #used = new Map<string, number>();
  #seconds = 0;

  constructor(groups: readonly CpuGroup[]) {
    this.#groups = groups;
  }

  async measure<T>(work: () => Promise<T>): Promise<T> {
    const before = readCpu(this.#groups);
    const started = performance.now();
    const result = await work();
    this.#seconds += (performance.now() - started) / 1000;
    const after = readCpu(this.#groups);
    for (const [name, seconds] of after) {
      // A process that ended meanwhile reads 0 afterwards; never report a negative share.
      this.#used.set(name, (this.#used.get(name) ?? 0) + Math.max(0, seconds - (before.get(name) ?? 0)));
    }
    return result;
  }

  /** CPU seconds one group used over the measured intervals (0 for a group it does not know). */
  usedSeconds(name: string): number {
    return this.#used.get(name) ?? 0;
  }

  /** Percent of one core per group, busiest first. */
  shares(): Record<string, number> {
    const entries = [...this.#used].map(
      ([name, seconds]) => [name, this.#seconds > 0 ? Math.round((1000 * seconds) / this.#seconds) / 10 : 0] as const,
    );
    return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]));
  }
}

export const formatShares = (shares: Record<string, number>) =>
  Object.entries(shares)
    .map(([name, percent]) => `${name} ${percent}%`)
    .join(', ');

/** One stderr line per side of a comparison, as the run goes (the JSON results keep them too). */
export function logCpu(label: string, cpu: CpuShares | undefined): void {
  if (!cpu) return;
  process.stderr.write(`[bench] CPU (% of one core) during ${label}, baseline slices: ${formatShares(cpu.baseline)}\n`);
  process.stderr.write(`[bench] CPU (% of one core) during ${label}, subject slices: ${formatShares(cpu.subject)}\n`);
}
