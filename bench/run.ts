/**
 * `pnpm bench [--only NAME[,NAME]] [--runs 1] [--duration 10] [--warmup 3] [--batched-duration 30] [--batched-rate 60000]
 *   [--connections 64] [--samples 20] [--feed-items 5000] [--feeds 4]
 *   [--scale-articles 100000] [--scale-views 10000000]
 *   [--stats-articles 1000000] [--stats-rate 200] [--soak-minutes 10] [--soak-warmup 60] [--soak-rate 0]
 *   [--refresh-ms 1000] [--redis-fsync always] [--profile]`
 *
 * Starts the real processes against a database and a Redis of its own, runs every scenario after
 * a warm-up, prints the table (median of the runs) and writes it as JSON to bench/results/.
 * See docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchOptions, Scenario } from './scenarios/context.ts';
import { eventsBatched } from './scenarios/events-batched.ts';
import { eventsSingle } from './scenarios/events-single.ts';
import { eventsSingleFloor } from './scenarios/events-single-floor.ts';
import { freshness } from './scenarios/freshness.ts';
import { ingest } from './scenarios/ingest.ts';
import { readList } from './scenarios/read-list.ts';
import { scale } from './scenarios/scale.ts';
import { soak } from './scenarios/soak.ts';
import { sources } from './scenarios/sources.ts';
import { stats } from './scenarios/stats.ts';
import { startConstantApp } from './support/constant-server.ts';
import { pidsNamed, pidsWithCommandLine, type CpuGroup } from './support/cpu-usage.ts';
import { startBenchRedis } from './support/redis-server.ts';
import { medianRows, printTable, writeResults, type Row } from './support/report.ts';
import { startStack } from './support/stack.ts';

const SCENARIOS: Record<string, Scenario> = {
  read: readList,
  batched: eventsBatched,
  single: eventsSingle,
  freshness,
  ingest,
  scale,
  sources,
};
/** Run only when named in --only: they explain a figure rather than measure a target. */
const DIAGNOSES: Record<string, Scenario> = { floor: eventsSingleFloor };
/** Run only when named in --only: loading their history, or holding the load, takes minutes. */
const LONG: Record<string, Scenario> = { stats, soak };
const ALL: Record<string, Scenario> = { ...SCENARIOS, ...DIAGNOSES, ...LONG };

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    'batched-duration': { type: 'string', default: '30' },
    'batched-rate': { type: 'string', default: '60000' },
    connections: { type: 'string', default: '64' },
    samples: { type: 'string', default: '20' },
    'feed-items': { type: 'string', default: '5000' },
    feeds: { type: 'string', default: '4' },
    'scale-articles': { type: 'string', default: '100000' },
    'scale-views': { type: 'string' },
    'stats-articles': { type: 'string', default: '1000000' },
    'stats-rate': { type: 'string', default: '200' },
    'soak-minutes': { type: 'string', default: '10' },
    'soak-warmup': { type: 'string', default: '60' },
    'soak-rate': { type: 'string', default: '0' },
    'refresh-ms': { type: 'string', default: '1000' },
    'redis-fsync': { type: 'string', default: 'always' },
    profile: { type: 'boolean', default: false },
  },
});

const scaleArticles = Number(values['scale-articles']);
const options: BenchOptions = {
  durationSeconds: Number(values.duration),
  warmupSeconds: Number(values.warmup),
  batchedSeconds: Number(values['batched-duration']),
  batchedRate: Number(values['batched-rate']),
  connections: Number(values.connections),
  freshnessSamples: Number(values.samples),
  feedItems: Number(values['feed-items']),
  feeds: Number(values.feeds),
  scaleArticles,
  // 100 counted views per article, as in 1M articles and 100M views.
  scaleViews: values['scale-views'] === undefined ? scaleArticles * 100 : Number(values['scale-views']),
  statsArticles: Number(values['stats-articles']),
  statsRate: Number(values['stats-rate']),
  refreshMs: Number(values['refresh-ms']),
  soakMinutes: Number(values['soak-minutes']),
  soakWarmupSeconds: Number(values['soak-warmup']),
  soakRate: Number(values['soak-rate']),
};
const selected = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(SCENARIOS);
for (const name of selected) if (!ALL[name]) throw new Error(`unknown scenario ${name}; one of ${Object.keys(ALL).join(', ')}`);
const redisFsync = ((policy: string) => {
  if (policy !== 'always' && policy !== 'everysec') throw new Error(`--redis-fsync is always or everysec, not ${policy}`);
  return policy;
})(values['redis-fsync']);

const resultsDir = fileURLToPath(new URL('./results', import.meta.url));
const profileDir = values.profile ? `${resultsDir}/profiles` : undefined;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
if (selected.includes('soak') && options.soakMinutes < 10)
  log(`the soak measures ${options.soakMinutes} min (--soak-minutes): a try-out; its figures count from 10 min on`);
if (redisFsync !== 'always')
  log(
    `Redis fsyncs once a second (--redis-fsync ${redisFsync}): a 202 no longer waits for the disk; these figures are not the durability the service promises`,
  );

async function runOnce(run: number): Promise<Row[]> {
  const redis = await startBenchRedis(redisFsync);
  const constant = await startConstantApp();
  const stack = await startStack({
    label: 'main',
    redisUrl: redis.url,
    services: ['api', 'ranking-worker', 'ingest-worker'],
    // The sources scenario's publisher is on 127.0.0.1, one host for all its feeds.
    env: { RANKING_REFRESH_MS: String(options.refreshMs), FETCH_ALLOW_PRIVATE: 'true', FETCH_PER_HOST: '64' },
    profileDir,
  });
  const pidOf = (name: string) => stack.processes.find((p) => p.name === name)?.child.pid;
  const cpuGroups: CpuGroup[] = [
    { name: 'load generator', pids: () => [process.pid] },
    { name: 'constant app', pids: () => [constant.pid] },
    ...(['api', 'ranking-worker', 'ingest-worker'] as const).map((name) => ({ name, pids: () => [pidOf(name) ?? 0].filter(Boolean) })),
    { name: 'redis', pids: () => pidsWithCommandLine(`redis-server 127.0.0.1:${new URL(redis.url).port}`) },
    // Every backend of the server: the benchmark's own and whatever else the machine runs on it.
    { name: 'postgres', pids: () => pidsNamed('postgres') },
  ];
  const context: BenchContext = { options, redisUrl: redis.url, stack, constantUrl: constant.url, profileDir, cpuGroups, measured: {} };
  const rows: Row[] = [];
  try {
    for (const name of selected) {
      const scenario = ALL[name] as Scenario;
      const started = performance.now();
      log(`run ${run}: ${scenario.name}…`);
      rows.push(...(await scenario.run(context)));
      log(`run ${run}: ${scenario.name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await stack.stop();
    await constant.stop();
    await redis.stop();
  }
  return rows;
}

const started = performance.now();
const runs: Row[][] = [];
for (let run = 1; run <= Number(values.runs); run++) runs.push(await runOnce(run));
const rows = medianRows(runs);
const file = writeResults(resultsDir, { options: { ...options, scenarios: selected, runs: runs.length, redisFsync }, rows, runs });
process.stdout.write(`\n${printTable(rows)}\n\n`);
log(`${runs.length} run(s) in ${((performance.now() - started) / 1000).toFixed(0)} s; results in ${file}`);
process.exitCode = rows.every((row) => row.pass) ? 0 : 1;
