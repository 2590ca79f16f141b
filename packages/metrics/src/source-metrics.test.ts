import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerSourceMetrics, type SourceCounts } from './source-metrics.ts';

async function scrape(counts: SourceCounts): Promise<string> {
  const registry = new Registry();
  registerSourceMetrics(registry, counts);
  return registry.metrics();
}

describe('the sources gauge', () => {
  it('counts sources by state', async () => {
    const text = await scrape(async () => ({ ok: 4, failing: 1 }));
    expect(text).toContain('newsrank_sources{status="ok"} 4');
    expect(text).toContain('newsrank_sources{status="failing"} 1');
  });

  it('leaves the scrape answering when the counts cannot be read', async () => {
    const text = await scrape(async () => {
      throw new Error('database away');
    });
    expect(text).toContain('# TYPE newsrank_sources gauge');
    expect(text).not.toContain('newsrank_sources{');
  });
});
