import { eventsBody, postEvents, storeArticles, viewsOf, type BenchArticle } from '../support/api-client.ts';
import { runLoad } from '../support/load.ts';
import { percentile, sleep } from '../support/stats.ts';
import type { Scenario } from './context.ts';

/** Without a batched figure from the same run (`--only freshness`): half the 50,000 events/s target. */
const FALLBACK_EVENTS_PER_SECOND = 50_000;
const BATCH = 500;

/**
 * Lag from a view's 202 to the view showing in GET /v1/ranking, sampled one view at a time at
 * random phases against the publish tick, while batched load runs at half the rate the batched
 * scenario sustained. Compared with RANKING_REFRESH_MS: p95 must stay within a tick plus 500 ms.
 */
export const freshness: Scenario = {
  name: 'freshness',
  async run(context) {
    const { baseUrl } = context.stack;
    const { refreshMs, freshnessSamples } = context.options;
    const background = await storeArticles(baseUrl, 100);
    const probes = await storeArticles(baseUrl, 10);
    const eventsPerSecond = (context.measured.batchedEventsPerSecond ?? FALLBACK_EVENTS_PER_SECOND) / 2;
    const stop = new AbortController();
    const load = runLoad(
      {
        url: `${baseUrl}/v1/events`,
        method: 'POST',
        body: eventsBody(background, BATCH),
        idReplacement: true,
        connections: 8,
        durationSeconds: 3600,
        overallRate: eventsPerSecond / BATCH,
        signal: stop.signal,
      },
      202,
    );
    const lags: number[] = [];
    try {
      await sleep(context.options.warmupSeconds * 1000);
      for (let s = 0; s < freshnessSamples; s++) {
        const probe = probes[s % probes.length] as BenchArticle;
        const before = await viewsOf(baseUrl, probe);
        await postEvents(baseUrl, [{ type: 'view', articleId: probe.id }]);
        const accepted = performance.now();
        while ((await viewsOf(baseUrl, probe)) < before + 1) await sleep(5);
        lags.push(performance.now() - accepted);
        // A random phase against the publisher's ticks, so the samples spread over a whole interval.
        await sleep(Math.random() * refreshMs);
      }
    } finally {
      stop.abort();
    }
    const background202 = await load;
    const details = {
      samples: lags.length,
      p50: percentile(lags, 0.5),
      max: Math.max(...lags),
      backgroundEventsPerSecond: (background202.ok * BATCH) / background202.seconds,
    };
    return [
      {
        scenario: 'freshness',
        figure: 'lag 202 → visible, p50',
        value: percentile(lags, 0.5),
        unit: 'ms',
        baseline: 'RANKING_REFRESH_MS',
        baselineValue: refreshMs,
        ratio: null,
        target: { kind: 'at-most', value: refreshMs + 500 },
        details,
      },
      {
        scenario: 'freshness',
        figure: 'lag 202 → visible, p95',
        value: percentile(lags, 0.95),
        unit: 'ms',
        baseline: 'RANKING_REFRESH_MS',
        baselineValue: refreshMs,
        ratio: null,
        target: { kind: 'at-most', value: refreshMs + 500 },
      },
    ];
  },
};
