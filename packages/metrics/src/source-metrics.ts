import { Gauge, type Registry } from 'prom-client';
import { cachedFor, withTimeout } from './cached.ts';

/** Subscribed sources by state (pending, ok, failing, disabled, paused), read from PostgreSQL. */
export type SourceCounts = () => Promise<Record<string, number>>;

/**
 * The deployment's subscribed sources by state, counted when scraped. A read that fails or
 * takes too long leaves the last values in place rather than failing the scrape.
 */
export function registerSourceMetrics(registry: Registry, sourceCounts: SourceCounts): void {
  const read = cachedFor(5_000, () => withTimeout(sourceCounts(), 1_000, 'source counts'));
  new Gauge({
    name: 'newsrank_sources',
    help: 'Subscribed sources by state (pending, ok, failing, disabled, paused)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await read().catch(() => null);
      if (!counts) return;
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
}
