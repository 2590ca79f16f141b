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
 * (Redis with appendfsync always), against its queueing floor: an app of the same shape (Express 5
 * with its JSON body parser) whose handler makes only the one durable write (queue-floor-app.ts:
 * the API's own batcher into the same queue, applied by the same ranking worker). What separates
 * the two is the API's own work per request: validation, the article lookup, visitor keys,
 * metrics, request ids, security headers, CORS. In the same slices, diagnoses: the same write from
 * a bare node:http handler (what the queueing path allows if HTTP cost nothing beyond Node's own
 * server) and the constant app's POST (what HTTP alone costs here).
 */
export const eventsSingle: Scenario = {
  name: SCENARIO,
  async run(context) {
    const { connections, durationSeconds, warmupSeconds } = context.options;
    const articles = await storeArticles(context.stack.baseUrl, 100);
    const floorEnv = { REDIS_URL: context.redisUrl, QUEUE_PREFIX: context.stack.prefix };
    const floor = await startPortApp('queue-floor-app', 'bench/support/queue-floor-app.ts', { ...floorEnv, FLOOR_SHAPE: 'express' });
    const bareFloor = await startPortApp('bare-floor-app', 'bench/support/queue-floor-app.ts', { ...floorEnv, FLOOR_SHAPE: 'bare' });
    try {
      const post = { method: 'POST', body: eventsBody(articles, 1), idReplacement: true, connections } as const;
      const run = await interleave(
        {
          constant: { ...post, url: context.constantUrl },
          floor: { ...post, url: floor.url },
          'bare floor': { ...post, url: bareFloor.url },
          api: { ...post, url: `${context.stack.baseUrl}/v1/events` },
        },
        {
          durationSeconds,
          warmupSeconds,
          okStatus: 202,
          cpuGroups: [
            ...context.cpuGroups,
            { name: 'floor app', pids: () => [floor.pid] },
            { name: 'bare floor app', pids: () => [bareFloor.pid] },
          ],
        },
      );
      for (const [name, target] of Object.entries(run))
        if (target.cpu) log(`CPU (% of one core) during the ${name} slices: ${formatShares(target.cpu)}`);
      const { api, floor: sameShape, 'bare floor': bare, constant } = run;
      // One event per request: the 202s are the events.
      const apiMicros = (1e6 * api.cpuSeconds('api')) / api.load.ok;
      const floorMicros = (1e6 * sameShape.cpuSeconds('floor app')) / sameShape.load.ok;
      const bareMicros = (1e6 * bare.cpuSeconds('bare floor app')) / bare.load.ok;
      const details = {
        api: api.load,
        floor: sameShape.load,
        bareFloor: bare.load,
        constant: constant.load,
        cpu: { api: api.cpu, floor: sameShape.cpu, bareFloor: bare.cpu, constant: constant.cpu },
      };
      const against = (figure: string, baseline: string, baselineValue: number): Row => ({
        scenario: SCENARIO,
        figure,
        value: api.load.requestsPerSecond,
        unit: 'req/s',
        baseline,
        baselineValue,
        ratio: api.load.requestsPerSecond / baselineValue,
        target: { kind: 'none' },
      });
      const rows: Row[] = [
        {
          ...against(
            'POST /v1/events (1 event) req/s',
            'queueing floor (Express app, handler makes only the durable write) req/s',
            sameShape.load.requestsPerSecond,
          ),
          target: { kind: 'ratio-at-least', ratio: 0.8 },
          details,
        },
        against(
          'POST /v1/events against the bare node:http floor',
          'bare node:http handler, same durable write, req/s',
          bare.load.requestsPerSecond,
        ),
        against('POST /v1/events against the constant app', 'constant Express app POST req/s', constant.load.requestsPerSecond),
      ];
      const cpuAgainstFloor = (figure: string, micros: number): Row => ({
        scenario: SCENARIO,
        figure,
        value: micros,
        unit: 'µs/event',
        baseline: 'queueing floor (Express) CPU per event (µs)',
        baselineValue: floorMicros,
        ratio: micros / floorMicros,
        target: { kind: 'none' },
      });
      if (api.cpu) rows.push(cpuAgainstFloor('API CPU per event', apiMicros), cpuAgainstFloor('bare floor CPU per event', bareMicros));
      return rows;
    } finally {
      await Promise.all([floor.stop(), bareFloor.stop()]);
    }
  },
};
