import { randomInt } from 'node:crypto';
import { loadavg } from 'node:os';
import { statsPlan } from '@newsrank/analytics';
import { articleReaderFacts } from '@newsrank/db';
import { STATS_WINDOWS } from '@newsrank/wire';
import { BENCH_TOKEN } from '../support/api-client.ts';
import { createBenchDatabase } from '../support/database.ts';
import { explainQueries, type QueryPlan } from '../support/explain.ts';
import { runLoad } from '../support/load.ts';
import { addVisitorSets, loadReaderData } from '../support/reader-data.ts';
import { loadScaleData, scaleArticleId } from '../support/scale-data.ts';
import { startStack } from '../support/stack.ts';
import { sleep } from '../support/stats.ts';
import type { BenchContext, Scenario } from './context.ts';

const P99_TARGET_MS = 50;
/** One article in this many has visitor sets in Redis (the others' PFCOUNTs find no key). */
const VISITOR_SAMPLE_EVERY = 100;
const CONNECTIONS = 10;
/** The bulk load keeps the machine busy for a while after its last statement (writeback, the 1-minute load average). */
const SETTLED_LOAD = 1.5;
const MAX_SETTLE_MS = 120_000;

/** Waits (at most MAX_SETTLE_MS) until the 1-minute load average is under SETTLED_LOAD; returns the load then. */
async function settle(): Promise<number> {
  for (let waited = 0; (loadavg()[0] ?? 0) >= SETTLED_LOAD && waited < MAX_SETTLE_MS; waited += 5_000) await sleep(5_000);
  return loadavg()[0] ?? 0;
}

/** Paths of the stats of a different article each time, the three windows in turn. */
function statsPaths(articles: number): () => string {
  const used = new Set<number>();
  let n = 0;
  return () => {
    // Past that many draws a repeat is cheaper than the search for an unused index.
    let i = randomInt(articles);
    while (used.has(i) && used.size < articles / 2) i = randomInt(articles);
    used.add(i);
    return `/v1/articles/${scaleArticleId(i)}/stats?window=${STATS_WINDOWS[n++ % STATS_WINDOWS.length]}`;
  };
}

/** The statement of one article's stats over 30 days (the longest range), for EXPLAIN. */
async function explainArticleStats(pool: Parameters<typeof explainQueries>[0], articleId: string): Promise<QueryPlan[]> {
  const plan = statsPlan('30d', Date.now());
  return explainQueries(pool, async (db, name) => {
    name('articleReaderFacts');
    await articleReaderFacts(db, articleId, '30d', { from: plan.from, to: plan.to }, 10);
  });
}

/**
 * `GET /v1/articles/:id/stats` on a large history (`--stats-articles`, 1M by default): the scale
 * history (8 hour buckets per article over 30 days), readers' hourly rows for every bucket,
 * visitor sets for one article in a hundred; the api alone, asked for a different random article
 * at each request (24h, 7d and 30d in turn) at a steady `--stats-rate`. Also EXPLAINs the per-article
 * statement once: no part of it may read a whole table.
 */
export const stats: Scenario = {
  name: 'stats',
  async run(context: BenchContext) {
    const { statsArticles: articles, statsRate: rate, durationSeconds, warmupSeconds } = context.options;
    const log = (line: string) => process.stderr.write(`[bench] stats: ${line}\n`);
    const database = await createBenchDatabase(`stats${articles}`);
    try {
      const history = await loadScaleData(database.url, articles, articles * 100);
      log(`${articles} articles, ${history.hourRows} hour rows in ${history.loadSeconds.toFixed(0)} s`);
      const readers = await loadReaderData(database.url, articles);
      log(`reader rows ${JSON.stringify(readers.rows)} in ${readers.loadSeconds.toFixed(0)} s`);
      const plans = await explainArticleStats(database.pool, scaleArticleId(0));
      for (const plan of plans) {
        log(`${plan.name}: ${plan.scans.join('; ')} (${plan.executionMs.toFixed(2)} ms, ${plan.sharedBuffers} buffers)`);
      }
      const stack = await startStack({
        label: 'stats',
        redisUrl: context.redisUrl,
        services: ['api'],
        database,
        profileDir: context.profileDir,
      });
      try {
        const sampled = Array.from({ length: Math.ceil(articles / VISITOR_SAMPLE_EVERY) }, (_, k) => k * VISITOR_SAMPLE_EVERY);
        const visitors = await addVisitorSets(database.url, context.redisUrl, stack.prefix, sampled);
        log(`${visitors.sets} visitor sets for ${visitors.articles} articles in ${visitors.seconds.toFixed(0)} s`);
        const path = statsPaths(articles);
        const load = (seconds: number) =>
          runLoad({
            url: `${stack.baseUrl}/v1/stats`,
            path,
            headers: { authorization: `Bearer ${BENCH_TOKEN}` },
            connections: CONNECTIONS,
            durationSeconds: seconds,
            overallRate: rate,
          });
        const loadAverage = await settle();
        log(`warming up and measuring at a 1-minute load average of ${loadAverage.toFixed(2)}`);
        await load(warmupSeconds);
        const result = await load(durationSeconds);
        const answered = result.ok + result.other;
        if (result.ok < 0.99 * answered || answered === 0) {
          throw new Error(`stats answered ${result.ok} of ${answered} requests with 200 (${result.errors} errors)`);
        }
        const label = `${articles.toLocaleString('en-US')} articles, 24h/7d/30d mixed`;
        const fullScans = plans.flatMap((plan) => plan.fullScans.map((scan) => `${plan.name}: ${scan}`));
        const details = {
          requests: result.ok,
          other: result.other,
          errors: result.errors,
          requestsPerSecond: result.requestsPerSecond,
          latencyMs: result.latencyMs,
          loadAverageBefore: loadAverage,
          history,
          readers,
          visitors,
          plans,
        };
        const offered = `offered rate (req/s), ${CONNECTIONS} connections`;
        return [
          {
            scenario: 'stats',
            figure: `GET /v1/articles/:id/stats p50, ${label}`,
            value: result.latencyMs.p50,
            unit: 'ms',
            baseline: offered,
            baselineValue: rate,
            ratio: null,
            target: { kind: 'none' },
          },
          {
            scenario: 'stats',
            figure: `GET /v1/articles/:id/stats p99, ${label}`,
            value: result.latencyMs.p99,
            unit: 'ms',
            baseline: offered,
            baselineValue: rate,
            ratio: null,
            target: { kind: 'at-most', value: P99_TARGET_MS },
            details,
          },
          {
            scenario: 'stats',
            figure: 'per-article statements reading a whole table (EXPLAIN ANALYZE, 30d)',
            value: fullScans.length,
            unit: 'scans',
            baseline: 'statements explained',
            baselineValue: plans.length,
            ratio: null,
            target: { kind: 'at-most', value: 0 },
            details: { fullScans, plans: plans.map((plan) => ({ name: plan.name, scans: plan.scans, executionMs: plan.executionMs })) },
          },
        ];
      } finally {
        await stack.stop({ keepDatabase: true });
      }
    } finally {
      await database.drop();
    }
  },
};
