import { median } from './stats.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import { CpuMeter, cpuUsageAvailable, type CpuGroup, type CpuShares } from './cpu-usage.ts';

export interface Comparison {
  baseline: LoadResult;
  subject: LoadResult;
  /** Percent of one core each process group used during the baseline's and the subject's slices (Linux only). */
  cpu?: CpuShares;
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
 * Loads the baseline and the subject in alternating slices (each warmed up first), so that a
 * neighbour's burst on this shared machine lands on both rather than on whichever ran then.
 */
export async function compareInterleaved(
  baseline: Omit<LoadOptions, 'durationSeconds'>,
  subject: Omit<LoadOptions, 'durationSeconds'>,
  options: { durationSeconds: number; warmupSeconds: number; slices?: number; okStatus?: number; cpuGroups?: readonly CpuGroup[] },
): Promise<Comparison> {
  const slices = options.slices ?? 4;
  const okStatus = options.okStatus ?? 200;
  await runLoad({ ...baseline, durationSeconds: options.warmupSeconds }, okStatus);
  await runLoad({ ...subject, durationSeconds: options.warmupSeconds }, okStatus);
  const sliceSeconds = Math.max(1, Math.round(options.durationSeconds / slices));
  const results: { baseline: LoadResult[]; subject: LoadResult[] } = { baseline: [], subject: [] };
  const groups = cpuUsageAvailable ? options.cpuGroups : undefined;
  const meters = groups ? { baseline: new CpuMeter(groups), subject: new CpuMeter(groups) } : undefined;
  for (let i = 0; i < slices; i++) {
    // Alternate which goes first, so neither always follows the other's after-effects.
    const order = i % 2 === 0 ? (['baseline', 'subject'] as const) : (['subject', 'baseline'] as const);
    for (const which of order) {
      const load = () => runLoad({ ...(which === 'baseline' ? baseline : subject), durationSeconds: sliceSeconds }, okStatus);
      results[which].push(await (meters ? meters[which].measure(load) : load()));
    }
  }
  return {
    baseline: combine(results.baseline),
    subject: combine(results.subject),
    ...(meters ? { cpu: { baseline: meters.baseline.shares(), subject: meters.subject.shares() } } : {}),
  };
}
