import { eventsBody, storeArticles } from '../support/api-client.ts';
import { interleave } from '../support/compare.ts';
import { startPortApp } from '../support/constant-server.ts';
import { formatShares } from '../support/cpu-usage.ts';
import type { Row } from '../support/report.ts';
import type { Scenario } from './context.ts';

const SCENARIO = 'events, one per request';
const log = (line: string) => process.stderr.write(`[bench] ${SCENARIO}: ${line}\n`);

/**
 * POST /v1/events with one view per request (unique eventIds), answered 202 only once durable
 * (Redis with appendfsync always), against its queueing floor: a bare node:http handler that
 * makes the same one durable write (queue-floor-app.ts, the API's own batcher into the same queue,
 * applied by the same ranking worker) and nothing else. The constant app's POST is loaded in the
 * same slices, a diagnosis of what HTTP alone costs here. The floor is what the machine's Redis
 * fsync allows; the target is how close the API's own work lets it come to that.
 */
export const eventsSingle: Scenario = {
  name: SCENARIO,
  async run(context) {
    const { connections, durationSeconds, warmupSeconds } = context.options;
    const articles = await storeArticles(context.stack.baseUrl, 100);
    const floor = await startPortApp('queue-floor-app', 'bench/support/queue-floor-app.ts', {
      REDIS_URL: context.redisUrl,
      QUEUE_PREFIX: context.stack.prefix,
    });
    try {
      const post = { method: 'POST', body: eventsBody(articles, 1), idReplacement: true, connections } as const;
      const run = await interleave(
        {
          constant: { ...post, url: context.constantUrl },
          floor: { ...post, url: floor.url },
          api: { ...post, url: `${context.stack.baseUrl}/v1/events` },
        },
        {
          durationSeconds,
          warmupSeconds,
          okStatus: 202,
          cpuGroups: [...context.cpuGroups, { name: 'floor app', pids: () => [floor.pid] }],
        },
      );
      for (const [name, target] of Object.entries(run))
        if (target.cpu) log(`CPU (% of one core) during the ${name} slices: ${formatShares(target.cpu)}`);
      const { api, floor: bare, constant } = run;
      // One event per request: the 202s are the events.
      const apiMicros = (1e6 * api.cpuSeconds('api')) / api.load.ok;
      const floorMicros = (1e6 * bare.cpuSeconds('floor app')) / bare.load.ok;
      const details = {
        api: api.load,
        floor: bare.load,
        constant: constant.load,
        cpu: { api: api.cpu, floor: bare.cpu, constant: constant.cpu },
      };
      const rows: Row[] = [
        {
          scenario: SCENARIO,
          figure: 'POST /v1/events (1 event) req/s',
          value: api.load.requestsPerSecond,
          unit: 'req/s',
          baseline: 'queueing floor (bare handler, same durable write) req/s',
          baselineValue: bare.load.requestsPerSecond,
          ratio: api.load.requestsPerSecond / bare.load.requestsPerSecond,
          target: { kind: 'ratio-at-least', ratio: 0.8 },
          details,
        },
        {
          scenario: SCENARIO,
          figure: 'POST /v1/events against the constant app',
          value: api.load.requestsPerSecond,
          unit: 'req/s',
          baseline: 'constant Express app POST req/s',
          baselineValue: constant.load.requestsPerSecond,
          ratio: api.load.requestsPerSecond / constant.load.requestsPerSecond,
          target: { kind: 'none' },
        },
      ];
      if (api.cpu)
        rows.push({
          scenario: SCENARIO,
          figure: 'API CPU per event',
          value: apiMicros,
          unit: 'µs/event',
          baseline: 'queueing floor CPU per event (µs)',
          baselineValue: floorMicros,
          ratio: apiMicros / floorMicros,
          target: { kind: 'none' },
        });
      return rows;
    } finally {
      await floor.stop();
    }
  },
};
