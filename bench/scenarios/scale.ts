import { createBenchDatabase } from '../support/database.ts';
import { runLoad } from '../support/load.ts';
import { loadScaleData, newestArticleIds } from '../support/scale-data.ts';
import { startStack } from '../support/stack.ts';
import { median, percentile, sleep } from '../support/stats.ts';
import type { BenchContext, Scenario } from './context.ts';

const SMALL_ARTICLES = 10_000;
/** Views per article in the small set too: only the amount of history differs, not its shape. */
const SMALL_VIEWS = SMALL_ARTICLES * 100;
/** The same activity at both sizes: views/s on the newest articles, and list reads/s. */
const ACTIVE_ARTICLES = 1_000;
const EVENTS_PER_REQUEST = 100;
const EVENT_REQUESTS_PER_SECOND = 20;
const READS_PER_SECOND = 1_000;

interface SizeResult {
  articles: number;
  views: number;
  loadSeconds: number;
  publishMs: number[];
  readP99Ms: number;
  reads: number;
}

const body = (ids: string[]) =>
  JSON.stringify({
    events: Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => ({
      type: 'view',
      articleId: ids[i % ids.length],
      eventId: `[<id>]-${i}`,
    })),
  });

/** Publish times the ranking worker logged since `from` (its info line per publish carries `ms`). */
function publishTimes(output: readonly string[], from: number): number[] {
  return output.slice(from).flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; ms?: number };
      return entry.msg === 'lists published' && typeof entry.ms === 'number' ? [entry.ms] : [];
    } catch {
      return [];
    }
  });
}

/** One size: load the history, start api + ranking worker on it, then the same activity and reads. */
async function measureSize(context: BenchContext, articles: number, views: number): Promise<SizeResult> {
  const database = await createBenchDatabase(`scale${articles}`);
  try {
    const data = await loadScaleData(database.url, articles, views);
    const active = await newestArticleIds(database.url, ACTIVE_ARTICLES);
    const stack = await startStack({
      label: 'scale',
      redisUrl: context.redisUrl,
      services: ['api', 'ranking-worker'],
      database,
      env: { RANKING_REFRESH_MS: String(context.options.refreshMs) },
      serviceEnv: { 'ranking-worker': { LOG_LEVEL: 'info' } },
      profileDir: context.profileDir,
    });
    try {
      const worker = stack.processes.find((process) => process.name === 'ranking-worker');
      if (!worker) throw new Error('no ranking worker');
      const { durationSeconds, warmupSeconds } = context.options;
      const events = (seconds: number) =>
        runLoad(
          {
            url: `${stack.baseUrl}/v1/events`,
            method: 'POST',
            body: body(active),
            idReplacement: true,
            connections: 4,
            durationSeconds: seconds,
            overallRate: EVENT_REQUESTS_PER_SECOND,
          },
          202,
        );
      // Warm-up: a few ticks of activity, until a publish has happened.
      await events(warmupSeconds + 2);
      for (let waited = 0; publishTimes(worker.output, 0).length === 0; waited += 500) {
        if (waited > 300_000) throw new Error(`no publish within 5 minutes on ${articles} articles`);
        await sleep(500);
      }
      const from = worker.output.length;
      const [, reads] = await Promise.all([
        events(durationSeconds),
        runLoad({ url: `${stack.baseUrl}/v1/ranking`, connections: 16, durationSeconds, overallRate: READS_PER_SECOND }),
      ]);
      await sleep(context.options.refreshMs);
      return {
        articles,
        views,
        loadSeconds: data.loadSeconds,
        publishMs: publishTimes(worker.output, from),
        readP99Ms: reads.latencyMs.p99,
        reads: reads.ok,
      };
    } finally {
      await stack.stop({ keepDatabase: true });
    }
  } finally {
    await database.drop();
  }
}

/**
 * The same activity (2,000 views/s on the 1,000 newest articles, 1,000 list reads/s) on a small
 * history (10k articles, 1M views) and a large one (`--scale-articles`, `--scale-views`): the
 * publish tick and the read p99 must cost at most twice as much on the large one.
 */
export const scale: Scenario = {
  name: 'scale',
  async run(context) {
    const small = await measureSize(context, SMALL_ARTICLES, SMALL_VIEWS);
    const large = await measureSize(context, context.options.scaleArticles, context.options.scaleViews);
    const label = (size: SizeResult) => `${size.articles.toLocaleString('en-US')} articles, ${size.views.toLocaleString('en-US')} views`;
    const smallPublish = median(small.publishMs);
    const largePublish = median(large.publishMs);
    const details = {
      small: { ...small, publishP95Ms: percentile(small.publishMs, 0.95) },
      large: { ...large, publishP95Ms: percentile(large.publishMs, 0.95) },
    };
    return [
      {
        scenario: 'scale',
        figure: `publish per tick (median), ${label(large)}`,
        value: largePublish,
        unit: 'ms',
        baseline: `itself at ${label(small)} (ms)`,
        baselineValue: smallPublish,
        ratio: largePublish / smallPublish,
        target: { kind: 'ratio-at-most', ratio: 2 },
        details,
      },
      {
        scenario: 'scale',
        figure: `GET /v1/ranking p99, ${label(large)}`,
        value: large.readP99Ms,
        unit: 'ms',
        baseline: `itself at ${label(small)} (ms)`,
        baselineValue: small.readP99Ms,
        ratio: large.readP99Ms / Math.max(1, small.readP99Ms),
        target: { kind: 'ratio-at-most', ratio: 2 },
      },
    ];
  },
};
