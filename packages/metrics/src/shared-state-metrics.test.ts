import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import { CLUSTER_FIELDS } from './cluster-counters.ts';
import { registerSharedStateMetrics } from './shared-state-metrics.ts';

const logger = createLogger({ level: 'silent', name: 'test' });

/** A producer connection as the metrics read it: its status and the workers' counters hash. */
const redisWith = (status: string, hash: Record<string, string> = {}) => ({ status, hgetall: async () => hash }) as unknown as RedisClient;

async function scrape(register: (registry: Registry) => void): Promise<string> {
  const registry = new Registry();
  register(registry);
  return registry.metrics();
}

describe('the deployment-wide series', () => {
  it("report the workers' counters from Redis", async () => {
    const redis = redisWith('ready', {
      [CLUSTER_FIELDS.ingestArticles('inserted')]: '3',
      [CLUSTER_FIELDS.sourceFetches('not_modified')]: '1',
    });
    const text = await scrape((registry) => registerSharedStateMetrics(registry, { redis, queues: [], clusterMetricsKey: 'k', logger }));
    expect(text).toContain('newsrank_shared_metrics_up 1');
    expect(text).toContain('newsrank_ingest_articles_total{outcome="inserted"} 3');
    expect(text).toContain('newsrank_source_not_modified_ratio 1');
  });

  it('say they are down, and show no values, while Redis is away', async () => {
    const redis = redisWith('reconnecting', { [CLUSTER_FIELDS.ingestArticles('inserted')]: '3' });
    const text = await scrape((registry) => registerSharedStateMetrics(registry, { redis, queues: [], clusterMetricsKey: 'k', logger }));
    expect(text).toContain('newsrank_shared_metrics_up 0');
    expect(text).not.toContain('newsrank_ingest_articles_total{');
  });
});
