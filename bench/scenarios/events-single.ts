import { eventsBody, storeArticles } from '../support/api-client.ts';
import { compareInterleaved } from '../support/compare.ts';
import { logCpu } from '../support/cpu-usage.ts';
import type { Scenario } from './context.ts';

/**
 * POST /v1/events with one view per request (unique eventIds), answered 202 only once durable
 * (Redis with appendfsync always), against the constant app's POST at the same concurrency.
 */
export const eventsSingle: Scenario = {
  name: 'events, one per request',
  async run(context) {
    const { connections, durationSeconds, warmupSeconds } = context.options;
    const articles = await storeArticles(context.stack.baseUrl, 100);
    const body = eventsBody(articles, 1);
    const post = { method: 'POST', body, idReplacement: true, connections } as const;
    const {
      baseline: constant,
      subject: api,
      cpu,
    } = await compareInterleaved(
      { ...post, url: context.constantUrl },
      { ...post, url: `${context.stack.baseUrl}/v1/events` },
      { durationSeconds, warmupSeconds, okStatus: 202, cpuGroups: context.cpuGroups },
    );
    logCpu('events, one per request', cpu);
    return [
      {
        scenario: 'events, one per request',
        figure: 'POST /v1/events (1 event) req/s',
        value: api.requestsPerSecond,
        unit: 'req/s',
        baseline: 'constant Express app POST req/s',
        baselineValue: constant.requestsPerSecond,
        ratio: api.requestsPerSecond / constant.requestsPerSecond,
        target: { kind: 'ratio-at-least', ratio: 0.7 },
        details: { api, constant, cpu },
      },
    ];
  },
};
