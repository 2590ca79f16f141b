import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from '@newsrank/db';
import { processCpuSeconds } from '../support/cpu-usage.ts';
import { percentile, sleep } from '../support/stats.ts';
import type { Scenario } from './context.ts';

const SOURCES = 10_000;
/** The mean interval the issue sizes for: 10,000 sources every 15 minutes is about 11 fetches/s. */
const INTERVAL_SECONDS = 900;
/** One source in ten has new items at each fetch; the others answer 304 to the conditional GET. */
const CHANGED_EVERY = 10;

/** A small feed with items new at every fetch, as a busy publisher's is. */
function changedFeed(source: number, version: number): string {
  const items = Array.from({ length: 5 }, (_, k) => {
    const n = version * 5 + k;
    return `<item><title>Source ${source} story ${n}</title><link>https://bench-${source}.example/${n}</link><guid>bench-${source}-${n}</guid><pubDate>${new Date(Date.now() - k * 60_000).toUTCString()}</pubDate></item>`;
  }).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${source}</title><link>https://bench-${source}.example/</link>${items}</channel></rss>`;
}

/**
 * 10,000 subscribed sources due evenly over 15 minutes, on the one ingest worker of the stack,
 * against a local publisher answering 304s (and, for one in ten, a changed feed). Runs a window
 * of that schedule and reports whether every due fetch happened, how late, and the ingest
 * worker's CPU per fetch.
 */
export const sources: Scenario = {
  name: 'sources',
  async run(context) {
    const windowSeconds = Math.max(60, context.options.durationSeconds * 6);
    const arrivals = new Map<number, number>();
    const versions = new Map<number, number>();
    const server = createServer((req, res) => {
      const source = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
      if (!arrivals.has(source)) arrivals.set(source, Date.now());
      if (source % CHANGED_EVERY === 0) {
        const version = (versions.get(source) ?? 0) + 1;
        versions.set(source, version);
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${version}"` }).end(changedFeed(source, version));
      } else if (req.headers['if-none-match'] === '"v0"') {
        res.writeHead(304, { etag: '"v0"' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v0"' }).end(changedFeed(source, 0));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { db } = context.stack.database;
    const spacingMs = (INTERVAL_SECONDS * 1000) / SOURCES;
    // Due times start a few seconds out, so the insert itself is not measured as lateness.
    const startsAt = Date.now() + 5_000;
    try {
      await sql`
        insert into sources (id, slug, url, host, status, requested_interval_seconds, interval_seconds, etag, next_fetch_at)
        select gen_random_uuid(), 'bench-' || i, ${origin} || '/feed/' || i, '127.0.0.1', 'ok', ${INTERVAL_SECONDS}, ${INTERVAL_SECONDS}, '"v0"',
               to_timestamp((${startsAt}::float8 + i * ${spacingMs}::float8) / 1000)
        from generate_series(0, ${SOURCES - 1}) i`.execute(db);
      const worker = context.stack.processes.find((p) => p.name === 'ingest-worker')?.child.pid ?? 0;
      await sleep(startsAt - Date.now());
      const cpuBefore = processCpuSeconds(worker);
      await sleep(windowSeconds * 1000);
      const cpuUsed = processCpuSeconds(worker) - cpuBefore;
      // A fetch due in the last seconds of the window may still be on its way: count those due before.
      const graceMs = 3_000;
      const due = Array.from({ length: SOURCES }, (_, i) => i).filter(
        (i) => startsAt + i * spacingMs <= startsAt + windowSeconds * 1000 - graceMs,
      );
      const fetched = due.filter((i) => arrivals.has(i));
      const lateness = fetched.map((i) => (arrivals.get(i) ?? 0) - (startsAt + i * spacingMs));
      const perFetchMs = arrivals.size === 0 ? 0 : (cpuUsed * 1000) / arrivals.size;
      const details = {
        due: due.length,
        fetched: fetched.length,
        windowSeconds,
        changedShare: 1 / CHANGED_EVERY,
        cpuSeconds: cpuUsed,
        arrivals: arrivals.size,
      };
      return [
        {
          scenario: 'sources',
          figure: `${SOURCES} sources every ${INTERVAL_SECONDS / 60} min on one ingest worker: due fetches made`,
          value: fetched.length / Math.max(1, due.length),
          unit: 'share',
          baseline: 'fetches due in the window',
          baselineValue: due.length,
          ratio: fetched.length / Math.max(1, due.length),
          target: { kind: 'ratio-at-least', ratio: 0.99 },
          details,
        },
        {
          scenario: 'sources',
          figure: 'fetch lateness after its due time, p99',
          value: lateness.length ? percentile(lateness, 0.99) : 0,
          unit: 'ms',
          baseline: 'the poll tick (POLL_TICK)',
          baselineValue: 5_000,
          ratio: null,
          target: { kind: 'at-most', value: 10_000 },
          details: { p50: lateness.length ? percentile(lateness, 0.5) : 0 },
        },
        {
          scenario: 'sources',
          figure: 'ingest worker CPU per fetch (9 in 10 answered 304)',
          value: perFetchMs,
          unit: 'ms',
          baseline: '',
          baselineValue: null,
          ratio: null,
          target: { kind: 'none' },
          details,
        },
      ];
    } finally {
      await sql`delete from sources where slug like 'bench-%'`.execute(db);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
};
