import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { openQueue, QUEUE_NAMES } from '@newsrank/queue';
import { TIME_PARTITIONED_TABLES, partitionSpanFor } from '@newsrank/db';
import { EVENT_CLOCK_SKEW_MS } from '@newsrank/ranking';
import { rssFeedOf } from '../parse-speed.ts';
import { postDocument, readerEventsBody, storeArticles, viewsOf, waitForIngestJob, type BenchArticle } from '../support/api-client.ts';
import { newTally, postUntilAccepted, sendAtRate, type RequestTally } from '../support/exact-events.ts';
import { runLoad } from '../support/load.ts';
import { pidsWithCommandLine } from '../support/cpu-usage.ts';
import { residentBytes } from '../support/process-memory.ts';
import type { Row } from '../support/report.ts';
import { mib, rssGrowthPercent, samplesTable, startMiddleEnd, storageVerdict, type SoakSample } from '../support/soak-summary.ts';
import { holdStreams, type SseClients } from '../support/sse-clients.ts';
import { startStack, type BenchStack } from '../support/stack.ts';
import { percentile, sleep } from '../support/stats.ts';
import type { BenchContext, Scenario } from './context.ts';

const SCENARIO = 'soak';
const log = (line: string) => process.stderr.write(`[bench] soak: ${line}\n`);

const BATCH = 500;
const PROBE_SECONDS = 15;
const PROBE_CONNECTIONS = 16;
const MAX_IN_FLIGHT = 16;
const SAMPLE_EVERY_MS = 30_000;
const SSE_CLIENTS = 500;
const FEED_EVERY_MS = 20_000;
const FEED_ITEMS = 100;
const READS_PER_SECOND = 30;
const LIST_PATHS = ['/v1/ranking', '/v1/popular', '/v1/trending'] as const;
const MIN_PASSING_MINUTES = 10;
const MEMORY_GROWTH_PERCENT = 10;
const DRAIN_TIMEOUT_MS = 300_000;
/** A marker view not visible after this long counts as an error (and its lag as this long at least). */
const MARKER_TIMEOUT_MS = 60_000;
const PROCESSES = ['api', 'ranking-worker', 'ingest-worker'] as const;

/**
 * The shortest retentions the configuration takes, so that old data ages out within a run. The
 * dedup records (one per view: nearly all the rows the soak writes) follow EVENT_DEDUP_RETENTION,
 * which takes minutes; five keep well clear of the queue lag, since a view still queued after
 * that long is dropped, not counted. The records are kept a minute longer (the api's allowance for
 * clocks ahead), their partitions then span 5 minutes, and one is dropped once all its rows are
 * that and a span old. The retention passes run every minute
 * (RETENTION_INTERVAL). The rest cannot go that short: RANKING_HISTORY_DAYS counts whole days (1
 * at least), minute buckets keep 2 hours and hour buckets and the hourly reader facts 31 days
 * (fixed in the ranking worker). Those tables grow only with articles and minutes, not with views.
 */
const RETENTION_ENV = { EVENT_DEDUP_RETENTION: '5m', INGEST_JOB_RETENTION: '5m', RANKING_HISTORY_DAYS: '1', RETENTION_INTERVAL: '1m' };
const RETENTION_MS = 5 * 60_000;
/** Storage saws up and down by a partition's span between drops: it is compared span by span. */
const STORAGE_SPAN_MS = Math.max(60_000, partitionSpanFor(RETENTION_MS + EVENT_CLOCK_SKEW_MS));

interface Queues {
  counts(): Promise<Record<string, Record<string, number>>>;
  /** Resolves once no events job waits, runs or is delayed for a retry. */
  drained(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

function openQueues(redisUrl: string, prefix: string): Queues {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = [QUEUE_NAMES.events, QUEUE_NAMES.ingest, QUEUE_NAMES.ranking].map((name) => ({
    name,
    queue: openQueue(name, { connection, prefix }),
  }));
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        queues.map(
          async ({ name, queue }) => [name, await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed')] as const,
        ),
      ),
    );
  return {
    counts,
    async drained(timeoutMs) {
      const events = queues[0]?.queue;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const jobs = await events?.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (jobs && Object.values(jobs).every((count) => count === 0)) return true;
        await sleep(200);
      }
      return false;
    },
    async close() {
      await Promise.all(queues.map(({ queue }) => queue.close()));
      connection.disconnect();
    },
  };
}

/** Sleeps `ms`, or less if `signal` aborts meanwhile. */
function sleepUnless(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const failedJobs = (counts: Record<string, Record<string, number>>) =>
  Object.values(counts).reduce((sum, states) => sum + (states.failed ?? 0), 0);

/** Events/s the API and the ranking worker sustain here: 202s over the time until all were applied. */
async function measureCapacity(stack: BenchStack, queues: Queues): Promise<number> {
  const articles = await storeArticles(stack.baseUrl, 100);
  const { body } = readerEventsBody(articles, BATCH);
  const started = performance.now();
  const load = await runLoad(
    {
      url: `${stack.baseUrl}/v1/events`,
      method: 'POST',
      body,
      idReplacement: true,
      connections: PROBE_CONNECTIONS,
      durationSeconds: PROBE_SECONDS,
    },
    202,
  );
  if (!(await queues.drained(DRAIN_TIMEOUT_MS))) throw new Error('the capacity probe did not drain');
  const seconds = (performance.now() - started) / 1000;
  const applied = (load.ok * BATCH) / seconds;
  log(
    `capacity probe: ${((load.ok * BATCH) / load.seconds).toFixed(0)} events/s accepted, ${applied.toFixed(0)} events/s applied (drained after ${seconds.toFixed(1)} s)`,
  );
  return applied;
}

/** Views counted for the given articles, read from the hour buckets (kept 31 days: no retention in reach). */
async function viewsCounted(stack: BenchStack, articles: readonly BenchArticle[]): Promise<number> {
  const row = await stack.database.db
    .selectFrom('article_views_hour')
    .where(
      'article_id',
      'in',
      articles.map((article) => article.id),
    )
    .select((eb) => eb.fn.sum<string | null>('views').as('views'))
    .executeTakeFirstOrThrow();
  return Number(row.views ?? 0);
}

async function databaseBytes(stack: BenchStack): Promise<number> {
  const { rows } = await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(stack.database.db);
  return Number(rows[0]?.bytes ?? 0);
}

/**
 * The tables whose retention a run of minutes cannot reach (RETENTION_ENV says why): the list
 * history (whole days), the articles (kept for good), the hour buckets and hourly reader facts
 * (31 days) and the minute buckets (2 hours). They grow with minutes and articles, not with views.
 */
const LONG_KEPT_TABLES = [
  ...Object.keys(TIME_PARTITIONED_TABLES).filter((table) => table !== 'counted_events'),
  'articles',
  'article_keys',
  'article_best_ranks',
];

/** Their size on disk, every partition, index and TOAST table counted. */
async function longKeptBytes(stack: BenchStack): Promise<number> {
  const { rows } = await sql<{ bytes: string | null }>`
    select sum(pg_total_relation_size(c.oid)) as bytes from pg_class c
    where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
      and coalesce(pg_partition_root(c.oid), c.oid)::regclass::text = any(${LONG_KEPT_TABLES}::text[])
  `.execute(stack.database.db);
  return Number(rows[0]?.bytes ?? 0);
}

/** The largest tables, a partitioned one with all its partitions (and indexes, TOAST) as one. */
async function largestTables(stack: BenchStack): Promise<{ table: string; mib: number }[]> {
  const { rows } = await sql<{ table: string; bytes: string }>`
    select coalesce(pg_partition_root(c.oid), c.oid)::regclass::text as table, sum(pg_total_relation_size(c.oid)) as bytes
    from pg_class c where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
    group by 1 order by 2 desc limit 6`.execute(stack.database.db);
  return rows.map((row) => ({ table: row.table, mib: Number(mib(Number(row.bytes)).toFixed(1)) }));
}

/** The marker's lag, one view at a time: from its 202 to the marker article's views showing it. */
function sampleLag(stack: BenchStack, marker: BenchArticle, tally: RequestTally, refreshMs: number, stop: AbortSignal) {
  const lags: number[] = [];
  let invisible = 0;
  const runId = randomUUID().slice(0, 8);
  const done = (async () => {
    for (let n = 0; !stop.aborted; n++) {
      const before = await viewsOf(stack.baseUrl, marker);
      const body = JSON.stringify({ events: [{ type: 'view', articleId: marker.id, eventId: `marker-${runId}-${n}` }] });
      if (!(await postUntilAccepted(`${stack.baseUrl}/v1/events`, body, tally))) continue;
      const accepted = performance.now();
      while ((await viewsOf(stack.baseUrl, marker)) < before + 1) {
        if (performance.now() - accepted > MARKER_TIMEOUT_MS) {
          invisible++;
          break;
        }
        await sleep(10);
      }
      lags.push(performance.now() - accepted);
      // A random phase against the publisher's ticks.
      await sleep(Math.random() * refreshMs);
    }
  })();
  return { lags, done, invisible: () => invisible };
}

/** A feed of new stories posted now and then, each followed to its stored articles. */
function postFeeds(stack: BenchStack, stop: AbortSignal) {
  const tally = { posted: 0, stored: 0, articles: 0, failed: 0 };
  const runId = randomUUID().slice(0, 8);
  const done = (async () => {
    for (let n = 0; !stop.aborted; n++) {
      const started = Date.now();
      try {
        tally.posted++;
        const feed = rssFeedOf(FEED_ITEMS, false, `https://soak-${runId}-${n}.example`);
        const result = await waitForIngestJob(stack.baseUrl, await postDocument(stack.baseUrl, '/v1/feeds', feed, 'application/rss+xml'));
        tally.stored++;
        tally.articles += result.articles.length;
      } catch (error) {
        tally.failed++;
        log(`feed ${n}: ${(error as Error).message}`);
      }
      await sleepUnless(stop, Math.max(0, FEED_EVERY_MS - (Date.now() - started)));
    }
  })();
  return { tally, done };
}

/**
 * `pnpm bench --only soak [--soak-minutes 10] [--soak-warmup 60] [--soak-rate N]`: the real
 * stack, with the shortest retentions its configuration takes, at half of its measured capacity
 * for a long while. A 15 s probe of batched events as fast as the API answers sets the rate
 * (`--soak-rate` instead, in events/s); then, after a warm-up, a steady mix: batched reader
 * events with unique eventIds, a feed posted every 20 s, list reads (ranking, popular, trending)
 * at 30/s, a marker view at a time for the lag, and 500 SSE clients on the soak articles' 1h
 * ranking stream for the whole run. Every 30 s: each process's RSS, the queues, the database
 * size. After the load stops and the queue drains, the views counted for the soak's articles must
 * equal the view events answered 202.
 */
export const soak: Scenario = {
  name: SCENARIO,
  async run(context: BenchContext) {
    const { soakMinutes, soakWarmupSeconds, soakRate, refreshMs } = context.options;
    const stack = await startStack({
      label: 'soak',
      redisUrl: context.redisUrl,
      services: ['api', 'ranking-worker', 'ingest-worker'],
      env: { RANKING_REFRESH_MS: String(refreshMs), ...RETENTION_ENV },
      profileDir: context.profileDir,
    });
    const queues = openQueues(context.redisUrl, stack.prefix);
    let streams: SseClients | undefined;
    try {
      log(
        `retention: ${Object.entries(RETENTION_ENV)
          .map(([name, value]) => `${name}=${value}`)
          .join(', ')}; storage compared over ${STORAGE_SPAN_MS / 60_000}-minute spans`,
      );
      const capacity = soakRate > 0 ? null : await measureCapacity(stack, queues);
      const eventsPerSecond = soakRate > 0 ? soakRate : (capacity as number) / 2;
      const category = `soak-${randomUUID().slice(0, 8)}`;
      const articles = await storeArticles(stack.baseUrl, 100, category);
      const [marker] = await storeArticles(stack.baseUrl, 1);
      if (!marker) throw new Error('the marker article was not stored');
      const { body: template, views: viewsPerBody } = readerEventsBody(articles, BATCH);
      const pidOf = (name: string) => stack.processes.find((p) => p.name === name)?.child.pid ?? 0;
      const redisPort = new URL(context.redisUrl).port;
      const rss = () => ({
        ...Object.fromEntries(PROCESSES.map((name) => [name, residentBytes(pidOf(name))])),
        redis: pidsWithCommandLine(`redis-server 127.0.0.1:${redisPort}`).reduce<number | null>((sum, pid) => {
          const bytes = residentBytes(pid);
          return bytes === null ? sum : (sum ?? 0) + bytes;
        }, null),
      });
      const failedBefore = failedJobs(await queues.counts());

      streams = await holdStreams(`${stack.baseUrl}/v1/ranking/stream?window=1h&category=${category}`, SSE_CLIENTS);
      log(
        `${SSE_CLIENTS} SSE clients connected; sending ${eventsPerSecond.toFixed(0)} events/s for ${soakWarmupSeconds} s of warm-up and ${soakMinutes} min`,
      );
      const tally = newTally();
      const markerTally = newTally();
      const stop = new AbortController();
      const loadStarted = performance.now();
      const sender = sendAtRate({
        url: `${stack.baseUrl}/v1/events`,
        template,
        requestsPerSecond: eventsPerSecond / BATCH,
        maxInFlight: MAX_IN_FLIGHT,
        runId: randomUUID().slice(0, 8),
        tally,
      });
      let read = 0;
      const reads = runLoad({
        url: `${stack.baseUrl}/v1/ranking`,
        path: () => LIST_PATHS[read++ % LIST_PATHS.length] as string,
        connections: 4,
        durationSeconds: 24 * 3600,
        overallRate: READS_PER_SECOND,
        signal: stop.signal,
      });
      const feeds = postFeeds(stack, stop.signal);
      const lag = sampleLag(stack, marker, markerTally, refreshMs, stop.signal);

      const samples: SoakSample[] = [];
      const errorsSoFar = async () =>
        tally.non2xx +
        tally.networkErrors +
        markerTally.non2xx +
        markerTally.networkErrors +
        feeds.tally.failed +
        (streams?.tally().disconnects ?? 0) +
        failedJobs(await queues.counts()) -
        failedBefore;
      const sample = async (measured: boolean) => {
        const at = { atSeconds: (performance.now() - loadStarted) / 1000, measured };
        samples.push({
          ...at,
          rss: rss(),
          databaseBytes: await databaseBytes(stack),
          longKeptBytes: await longKeptBytes(stack),
          queues: await queues.counts(),
          viewsAccepted: tally.accepted * viewsPerBody + markerTally.accepted,
          sseEvents: streams?.tally().events ?? 0,
          errors: await errorsSoFar(),
        });
        const last = samples.at(-1) as SoakSample;
        log(
          `${(last.atSeconds / 60).toFixed(1)} min${measured ? '' : ' (warm-up)'}: database ${mib(last.databaseBytes).toFixed(1)} MiB (${mib(last.longKeptBytes).toFixed(1)} long-kept), events waiting ${last.queues.events?.waiting}, ` +
            `RSS ${Object.entries(last.rss)
              .map(([name, bytes]) => `${name} ${bytes === null ? '—' : mib(bytes).toFixed(0)}`)
              .join(', ')} MiB, errors ${last.errors}`,
        );
      };
      const measuredFrom = soakWarmupSeconds * 1000;
      const endAt = measuredFrom + soakMinutes * 60_000;
      // Every 30 s from the start of the load, and the first and last moment of the measured part.
      const sampleTimes = [
        ...new Set([0, measuredFrom, endAt, ...Array.from({ length: Math.ceil(endAt / SAMPLE_EVERY_MS) }, (_, k) => k * SAMPLE_EVERY_MS)]),
      ]
        .filter((at) => at <= endAt)
        .sort((a, b) => a - b);
      for (const at of sampleTimes) {
        await sleep(Math.max(0, at - (performance.now() - loadStarted)));
        await sample(at >= measuredFrom);
      }
      const measuredSeconds = (performance.now() - loadStarted - measuredFrom) / 1000;
      const lastMinute = performance.now() - Math.min(60_000, (soakMinutes * 60_000) / 2);
      const sse = streams.tally();
      const receiving = sse.receivingSince(lastMinute);

      stop.abort();
      await sender.stop();
      const readResult = await reads;
      await Promise.all([feeds.done, lag.done]);
      streams.close();
      streams = undefined;
      log(`load stopped after ${((performance.now() - loadStarted) / 1000).toFixed(0)} s; waiting for the events queue to drain`);
      const drainStarted = performance.now();
      const drained = await queues.drained(DRAIN_TIMEOUT_MS);
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      const accepted = tally.accepted * viewsPerBody + markerTally.accepted;
      const counted = await viewsCounted(stack, [...articles, marker]);
      const failed = failedJobs(await queues.counts()) - failedBefore;
      const tables = await largestTables(stack);

      const { start, middle, end } = startMiddleEnd(samples);
      const storage = storageVerdict(samples, {
        retentionMs: RETENTION_MS + EVENT_CLOCK_SKEW_MS,
        storageSpanMs: STORAGE_SPAN_MS,
        warmupSeconds: soakWarmupSeconds,
      });
      const requestErrors =
        tally.non2xx +
        tally.networkErrors +
        tally.unresolved +
        markerTally.non2xx +
        markerTally.networkErrors +
        markerTally.unresolved +
        readResult.other +
        readResult.errors +
        feeds.tally.failed +
        lag.invisible();
      const lagP99 = percentile(lag.lags, 0.99);
      const processes = [...PROCESSES, 'redis'];
      process.stderr.write(`\n${samplesTable(samples, processes)}\n\n`);
      log(
        `RSS MiB at start / middle / end of the measured part: ${processes
          .map((name) => `${name} ${[start, middle, end].map((s) => (s.rss[name] ? mib(s.rss[name]).toFixed(0) : '—')).join(' / ')}`)
          .join('; ')}`,
      );
      log(
        `lag 202 → visible: p50 ${percentile(lag.lags, 0.5).toFixed(0)} ms, p99 ${lagP99.toFixed(0)} ms over ${lag.lags.length} marker views`,
      );
      log(`largest tables at the end (MiB): ${tables.map((t) => `${t.table} ${t.mib}`).join(', ')}`);
      log(
        `errors: events ${JSON.stringify(tally)}, marker ${JSON.stringify(markerTally)}, reads ${readResult.other} non-200 and ${readResult.errors} errors of ${readResult.ok + readResult.other}, ` +
          `feeds ${JSON.stringify(feeds.tally)}, failed jobs ${failed}, SSE ${sse.disconnects} disconnects (${sse.refused} refused), ${sse.events} events (${sse.fewest}–${sse.most} a client), ${receiving} of ${sse.clients} receiving at the end`,
      );
      log(
        `event requests not sent when due (${MAX_IN_FLIGHT} still in flight): ${sender.late()}; views answered 202: ${accepted}; counted for the soak's articles: ${counted}; drained ${drained ? `in ${drainSeconds.toFixed(1)} s` : 'NOT within the timeout'}`,
      );
      if (storage.checkable)
        log(
          `database peak growth over the last ${STORAGE_SPAN_MS / 60_000} min, the long-kept tables left out: ${mib(storage.lateGrowthBytes).toFixed(1)} MiB, against ${mib(storage.earlyGrowthBytes).toFixed(1)} MiB written per span at the start; the long-kept tables grew ${mib(storage.longKeptGrowthBytes).toFixed(1)} MiB over the same span`,
        );
      else
        log(
          `storage not judged: the first data can age out and be pruned by ${(storage.flatFromSeconds / 60).toFixed(0)} min into the load; a verdict needs two retention passes after that, --soak-minutes ${storage.neededMeasuredMinutes} or more`,
        );

      const details = {
        eventsPerSecond,
        capacityEventsPerSecond: capacity,
        measuredSeconds,
        retention: RETENTION_ENV,
        storageSpanMs: STORAGE_SPAN_MS,
        samples,
        tables,
        lagMs: { samples: lag.lags.length, p50: percentile(lag.lags, 0.5), p99: lagP99, max: Math.max(...lag.lags) },
        events: tally,
        marker: { ...markerTally, notVisibleWithin60s: lag.invisible() },
        lateRequests: sender.late(),
        reads: readResult,
        feeds: feeds.tally,
        sse: {
          clients: sse.clients,
          events: sse.events,
          disconnects: sse.disconnects,
          refused: sse.refused,
          fewest: sse.fewest,
          most: sse.most,
          receiving,
        },
        failedJobs: failed,
        viewsAccepted: accepted,
        viewsCounted: counted,
        drained,
        drainSeconds,
        storage,
      };
      const row = (fields: Omit<Row, 'scenario'>): Row => ({ scenario: SCENARIO, ...fields });
      const rows: Row[] = [
        row({
          figure: 'measured time under load (after the warm-up)',
          value: measuredSeconds / 60,
          unit: 'min',
          baseline: 'events/s offered (half the measured capacity)',
          baselineValue: eventsPerSecond,
          ratio: null,
          target: { kind: 'at-least', value: MIN_PASSING_MINUTES },
          details,
        }),
      ];
      for (const name of PROCESSES) {
        const from = start.rss[name];
        const to = end.rss[name];
        const growth = rssGrowthPercent(samples, name);
        rows.push(
          row({
            figure: `${name} RSS growth after the warm-up (peak, last third against first third)`,
            value: growth,
            unit: '%',
            baseline: 'RSS just after the warm-up (MiB)',
            baselineValue: from ? mib(from) : null,
            ratio: null,
            target: { kind: 'at-most', value: MEMORY_GROWTH_PERCENT },
            details: { startMiB: from && mib(from), middleMiB: middle.rss[name] && mib(middle.rss[name]), endMiB: to && mib(to) },
          }),
        );
      }
      rows.push(
        row({
          figure: 'lag 202 → visible (marker article), p99',
          value: lagP99,
          unit: 'ms',
          baseline: 'RANKING_REFRESH_MS',
          baselineValue: refreshMs,
          ratio: null,
          target: { kind: 'none' },
        }),
        row({
          figure: 'events jobs waiting, most at any sample',
          value: Math.max(...samples.filter((s) => s.measured).map((s) => s.queues.events?.waiting ?? 0)),
          unit: 'jobs',
          baseline: 'at the end of the load',
          baselineValue: end.queues.events?.waiting ?? null,
          ratio: null,
          target: { kind: 'none' },
        }),
        row({
          figure: 'requests answered other than 2xx, or not at all',
          value: requestErrors,
          unit: 'requests',
          baseline: 'event requests answered 202',
          baselineValue: tally.accepted,
          ratio: null,
          target: { kind: 'at-most', value: 0 },
        }),
        row({
          figure: 'failed jobs (events, ingest, ranking queues)',
          value: failed,
          unit: 'jobs',
          baseline: 'feeds stored',
          baselineValue: feeds.tally.stored,
          ratio: null,
          target: { kind: 'at-most', value: 0 },
        }),
        row({
          figure: `SSE disconnects (${SSE_CLIENTS} clients held open)`,
          value: sse.disconnects,
          unit: 'streams',
          baseline: 'list events received',
          baselineValue: sse.events,
          ratio: null,
          target: { kind: 'at-most', value: 0 },
        }),
        row({
          figure: 'SSE clients still receiving at the end',
          value: receiving,
          unit: 'clients',
          baseline: 'clients held open',
          baselineValue: sse.clients,
          ratio: receiving / sse.clients,
          target: { kind: 'ratio-at-least', ratio: 1 },
        }),
        row({
          figure: 'views counted − view events answered 202, after the drain',
          value: drained ? Math.abs(counted - accepted) : Number.NaN,
          unit: 'views',
          baseline: 'view events answered 202',
          baselineValue: accepted,
          ratio: null,
          target: { kind: 'at-most', value: 0 },
        }),
        ...(storage.checkable
          ? [
              row({
                figure: `database peak growth over the last ${STORAGE_SPAN_MS / 60_000} min, long-kept tables left out`,
                value: mib(storage.lateGrowthBytes),
                unit: 'MiB',
                baseline: `MiB written per ${STORAGE_SPAN_MS / 60_000} min before anything aged out`,
                baselineValue: mib(storage.earlyGrowthBytes),
                ratio: storage.lateGrowthBytes / storage.earlyGrowthBytes,
                target: { kind: 'ratio-at-most', ratio: 0.1 },
              }),
              row({
                figure: `long-kept tables' growth over the last ${STORAGE_SPAN_MS / 60_000} min (list history, articles, buckets)`,
                value: mib(storage.longKeptGrowthBytes),
                unit: 'MiB',
                baseline: `MiB written per ${STORAGE_SPAN_MS / 60_000} min before anything aged out`,
                baselineValue: mib(storage.earlyGrowthBytes),
                ratio: storage.longKeptGrowthBytes / storage.earlyGrowthBytes,
                target: { kind: 'none' },
              }),
            ]
          : [
              row({
                figure: `database growth (not judged: needs --soak-minutes ${storage.neededMeasuredMinutes})`,
                value: mib(storage.bytesPerMinute),
                unit: 'MiB/min',
                baseline: 'database size after the warm-up (MiB)',
                baselineValue: mib(start.databaseBytes),
                ratio: null,
                target: { kind: 'none' },
              }),
            ]),
      );
      return rows;
    } finally {
      streams?.close();
      await queues.close();
      await stack.stop();
    }
  },
};
