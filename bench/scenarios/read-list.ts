import { postEvents, storeArticles } from '../support/api-client.ts';
import { compareInterleaved } from '../support/compare.ts';
import { logCpu } from '../support/cpu-usage.ts';
import { sleep } from '../support/stats.ts';
import type { Scenario } from './context.ts';

/**
 * GET /v1/ranking (the default list: 24h, site-wide, 10 items) against the constant 2 KiB app.
 * The list is filled first, so the API serves a real list of about the constant app's size.
 */
export const readList: Scenario = {
  name: 'read a list',
  async run(context) {
    const { baseUrl } = context.stack;
    const articles = await storeArticles(baseUrl, 20);
    await postEvents(
      baseUrl,
      articles.flatMap((article, i) => Array.from({ length: 20 - i }, () => ({ type: 'view', articleId: article.id }))),
    );
    for (let i = 0; i < 100; i++) {
      const list = (await (await fetch(`${baseUrl}/v1/ranking`)).json()) as { items: unknown[] };
      if (list.items.length >= 10) break;
      await sleep(200);
    }
    const bytes = (await (await fetch(`${baseUrl}/v1/ranking`)).arrayBuffer()).byteLength;
    const { connections, durationSeconds, warmupSeconds } = context.options;
    const {
      baseline: constant,
      subject: api,
      cpu,
    } = await compareInterleaved(
      { url: context.constantUrl, connections },
      { url: `${baseUrl}/v1/ranking`, connections },
      { durationSeconds, warmupSeconds, cpuGroups: context.cpuGroups },
    );
    logCpu('read a list', cpu);
    const details = { bodyBytes: bytes, connections, api, constant, cpu };
    return [
      {
        scenario: 'read a list',
        figure: 'GET /v1/ranking req/s',
        value: api.requestsPerSecond,
        unit: 'req/s',
        baseline: 'constant Express app req/s',
        baselineValue: constant.requestsPerSecond,
        ratio: api.requestsPerSecond / constant.requestsPerSecond,
        target: { kind: 'ratio-at-least', ratio: 0.9 },
        details,
      },
      {
        scenario: 'read a list',
        figure: 'GET /v1/ranking p99',
        value: api.latencyMs.p99,
        unit: 'ms',
        baseline: 'constant Express app p99 (ms)',
        baselineValue: constant.latencyMs.p99,
        ratio: null,
        target: { kind: 'at-most', value: 10 },
      },
    ];
  },
};
