import { readerEventsBody, storeArticles, viewsShown, type BenchArticle } from '../support/api-client.ts';
import { cpuUsageAvailable, readCpu } from '../support/cpu-usage.ts';
import { runLoad } from '../support/load.ts';
import { pgUpsertRowsPerSecond } from '../support/pg-upsert.ts';
import { sleep } from '../support/stats.ts';
import type { Row } from '../support/report.ts';
import type { BenchContext, Scenario } from './context.ts';

const BATCH = 500;
const CONNECTIONS = 16;

interface Sample {
  atSeconds: number;
  accepted: number;
  applied: number;
}

/** Waits until the lists show `atLeast` views more than `base`, then until the count holds still. */
async function waitUntilApplied(
  baseUrl: string,
  category: string,
  base: number,
  atLeast: number,
  refreshMs: number,
): Promise<{ shown: number; lastChangeAt: number }> {
  let shown = (await viewsShown(baseUrl, category)) - base;
  for (let stillSince = performance.now(); ;) {
    await sleep(50);
    const now = (await viewsShown(baseUrl, category)) - base;
    if (now !== shown) stillSince = performance.now();
    shown = now;
    // Requests still in flight when the load generator stopped may add a few batches beyond what it counted.
    if (shown >= atLeast && performance.now() - stillSince > 2 * refreshMs + 500) return { shown, lastChangeAt: stillSince };
  }
}

/** Engaged beacons applied so far, site-wide: the part of the load no list shows. */
async function engagedApplied(context: BenchContext): Promise<number> {
  const row = await context.stack.database.db
    .selectFrom('site_engagement_hour')
    .select((eb) => eb.fn.sum<string | null>('beacons').as('beacons'))
    .executeTakeFirstOrThrow();
  return Number(row.beacons ?? 0);
}

/**
 * One sustained run: accepted and applied counts sampled every second, then the drain. The lists
 * show views only; a request's engaged events are applied in the same jobs as its views, so
 * events applied are the views shown scaled by the body's events per view (and the engaged
 * beacons counted in the database at the end confirm it).
 */
async function sustained(context: BenchContext, articles: BenchArticle[], seconds: number) {
  const offered = context.options.batchedRate;
  const { baseUrl } = context.stack;
  const category = (articles[0] as BenchArticle).category;
  const { body, views: viewsPerBody } = readerEventsBody(articles, BATCH);
  const eventsPerView = BATCH / viewsPerBody;
  const base = await viewsShown(baseUrl, category);
  const engagedBase = await engagedApplied(context);
  let acceptedRequests = 0;
  const samples: Sample[] = [];
  const apiCpu = context.cpuGroups.filter((group) => group.name === 'api');
  const apiCpuBefore = readCpu(apiCpu).get('api') ?? 0;
  const started = performance.now();
  let running = true;
  const sampler = (async () => {
    while (running) {
      await sleep(1000);
      samples.push({
        atSeconds: (performance.now() - started) / 1000,
        accepted: acceptedRequests * BATCH,
        applied: ((await viewsShown(baseUrl, category)) - base) * eventsPerView,
      });
    }
  })();
  const load = await runLoad(
    {
      url: `${baseUrl}/v1/events`,
      method: 'POST',
      body,
      idReplacement: true,
      connections: CONNECTIONS,
      durationSeconds: seconds,
      ...(offered > 0 ? { overallRate: offered / BATCH } : {}),
      onResponse: (status) => (acceptedRequests += status === 202 ? 1 : 0),
    },
    202,
  );
  const loadEnded = performance.now();
  // The API's work for these events ends with their 202s; what it does during the drain is not theirs.
  const apiCpuSeconds = (readCpu(apiCpu).get('api') ?? 0) - apiCpuBefore;
  running = false;
  await sampler;
  const { shown: viewsApplied, lastChangeAt: allVisibleAt } = await waitUntilApplied(
    baseUrl,
    category,
    base,
    load.ok * viewsPerBody,
    context.options.refreshMs,
  );
  const applied = viewsApplied * eventsPerView;
  const elapsedSeconds = (allVisibleAt - started) / 1000;
  const atEnd = samples.at(-1);
  const mid = samples[Math.floor(samples.length / 2)];
  return {
    load,
    acceptedPerSecond: (load.ok * BATCH) / load.seconds,
    apiCpuSeconds,
    apiMicrosPerEvent: (1e6 * apiCpuSeconds) / (load.ok * BATCH),
    appliedPerSecond: applied / elapsedSeconds,
    viewsAppliedPerSecond: viewsApplied / elapsedSeconds,
    engagedAccepted: load.ok * (BATCH - viewsPerBody),
    engagedApplied: (await engagedApplied(context)) - engagedBase,
    drainSeconds: Math.max(0, (allVisibleAt - loadEnded) / 1000),
    backlogAtMid: mid ? mid.accepted - mid.applied : null,
    backlogAtEnd: atEnd ? atEnd.accepted - atEnd.applied : null,
    samples,
  };
}

/**
 * 500 events per request as article pages send them (readerEventsBody: views with visitors,
 * referrers and utm tags, one in four an engaged beacon), unique eventIds, offered at a steady
 * rate (`--batched-rate`, default 60,000 events/s; 0 offers as fast as the API answers, which starves the worker of CPU on a
 * 2-core machine): events/s accepted (202, durable) and applied (visible in the lists), with the
 * backlog sampled to show it does not grow and timed draining after the load stops; against
 * what PostgreSQL takes in batched upserts from node-postgres on the same machine.
 */
export const eventsBatched: Scenario = {
  name: 'events, batched',
  async run(context) {
    const { baseUrl } = context.stack;
    const pgRowsPerSecond = await pgUpsertRowsPerSecond(context.stack.database.url, context.options.durationSeconds);
    const articles = await storeArticles(baseUrl, 100);
    await sustained(context, articles, context.options.warmupSeconds);
    const run = await sustained(context, articles, context.options.batchedSeconds);
    context.measured.batchedEventsPerSecond = run.appliedPerSecond;
    const details = {
      seconds: context.options.batchedSeconds,
      offeredEventsPerSecond: context.options.batchedRate || 'as fast as answered',
      connections: CONNECTIONS,
      batch: BATCH,
      ...run,
    };
    const base = {
      scenario: 'events, batched',
      unit: 'events/s',
      baseline: 'PostgreSQL batched upsert rows/s',
      baselineValue: pgRowsPerSecond,
    };
    return [
      {
        ...base,
        figure: 'accepted (202) events/s',
        value: run.acceptedPerSecond,
        ratio: run.acceptedPerSecond / pgRowsPerSecond,
        target: { kind: 'at-least', value: 50_000 },
        details,
      },
      {
        ...base,
        figure: 'applied (visible) events/s',
        value: run.appliedPerSecond,
        ratio: run.appliedPerSecond / pgRowsPerSecond,
        target: { kind: 'at-least', value: 50_000 },
      },
      {
        scenario: 'events, batched',
        figure: 'drain after the load stops',
        value: run.drainSeconds,
        unit: 's',
        baseline: 'RANKING_REFRESH_MS (s)',
        baselineValue: context.options.refreshMs / 1000,
        ratio: null,
        target: { kind: 'at-most', value: context.options.refreshMs / 1000 + 2 },
      },
      ...(cpuUsageAvailable && context.cpuGroups.some((group) => group.name === 'api')
        ? [
            {
              scenario: 'events, batched',
              figure: 'API CPU per accepted event',
              value: run.apiMicrosPerEvent,
              unit: 'µs/event',
              baseline: 'API CPU seconds during the load',
              baselineValue: run.apiCpuSeconds,
              ratio: null,
              target: { kind: 'none' },
            } satisfies Row,
          ]
        : []),
    ];
  },
};
