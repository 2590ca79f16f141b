import { median } from './stats.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import { CpuMeter, cpuUsageAvailable, type CpuGroup, type CpuShares } from './cpu-usage.ts';

export interface Comparison {
  baseline: LoadResult;
  subject: LoadResult;
  /** Percent of one core each process group used during the baseline's and the subject's slices (Linux only). */
  cpu?: CpuShares;
}

/** One target of an interleaved run: its combined load, and where the CPU went during its slices. */
export interface Interleaved {
  load: LoadResult;
  /** Percent of one core per process group during this target's slices (Linux only). */
  cpu?: Record<string, number>;
  /** CPU seconds of one process group during this target's slices; 0 where /proc is not there. */
  cpuSeconds(group: string): number;
}

interface InterleaveOptions {
  durationSeconds: number;
  warmupSeconds: number;
  slices?: number;
  okStatus?: number;
  cpuGroups?: readonly CpuGroup[];
}

/** Several slices' results as one: answers over the whole time; latency percentiles as the slices' median. */
function combine(slices: readonly LoadResult[]): LoadResult {
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  const ok = slices.reduce((sum, s) => sum + s.ok, 0);
  const pick = (key: keyof LoadResult['latencyMs']) => median(slices.map((s) => s.latencyMs[key]));
  return {
    requestsPerSecond: ok / seconds,
    ok,
    other: slices.reduce((sum, s) => sum + s.other, 0),
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    timeouts: slices.reduce((sum, s) => sum + s.timeouts, 0),
    latencyMs: { p50: pick('p50'), p90: pick('p90'), p99: pick('p99'), max: Math.max(...slices.map((s) => s.latencyMs.max)) },
    seconds,
  };
}

/**
 * Loads every target in turn, slice after slice (each warmed up first), so that a neighbour's
 * burst on this shared machine lands on all of them rather than on whichever ran then. The order
 * rotates from slice to slice, so no target always follows the same other's after-effects.
 */
export async function interleave<Name extends string>(
  targets: Record<Name, Omit<LoadOptions, 'durationSeconds'>>,
  options: InterleaveOptions,
): Promise<Record<Name, Interleaved>> {
  const names = Object.keys(targets) as Name[];
  const slices = options.slices ?? 4;
  const okStatus = options.okStatus ?? 200;
  for (const name of names) await runLoad({ ...targets[name], durationSeconds: options.warmupSeconds }, okStatus);
  const sliceSeconds = Math.max(1, Math.round(options.durationSeconds / slices));
  const groups = cpuUsageAvailable ? options.cpuGroups : undefined;
  const results = new Map(names.map((name) => [name, [] as LoadResult[]]));
  const meters = new Map(names.map((name) => [name, groups ? new CpuMeter(groups) : undefined]));
  for (let i = 0; i < slices; i++) {
    // Two targets alternate which goes first; more rotate.
    const order = names.map((_, k) => names[(k + i) % names.length] as Name);
    for (const name of order) {
      const load = () => runLoad({ ...targets[name], durationSeconds: sliceSeconds }, okStatus);
      const meter = meters.get(name);
      results.get(name)?.push(await (meter ? meter.measure(load) : load()));
    }
  }
  const entries = names.map((name): [Name, Interleaved] => {
    const meter = meters.get(name);
    return [
      name,
      {
        load: combine(results.get(name) ?? []),
        ...(meter ? { cpu: meter.shares() } : {}),
        cpuSeconds: (group) => meter?.usedSeconds(group) ?? 0,
      },
    ];
  });
  return Object.fromEntries(entries) as Record<Name, Interleaved>;
}

/** A baseline and a subject, interleaved (above). */
export async function compareInterleaved(
  baseline: Omit<LoadOptions, 'durationSeconds'>,
  subject: Omit<LoadOptions, 'durationSeconds'>,
  options: InterleaveOptions,
): Promise<Comparison> {
  const run = await interleave({ baseline, subject }, options);
  return {
    baseline: run.baseline.load,
    subject: run.subject.load,
    ...(run.baseline.cpu && run.subject.cpu ? { cpu: { baseline: run.baseline.cpu, subject: run.subject.cpu } } : {}),
  };
}
