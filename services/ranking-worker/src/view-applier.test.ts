import { describe, expect, it } from 'vitest';
import type { Db } from '@newsrank/db';
import { createLogger } from '@newsrank/logger';
import type { RedisClient } from '@newsrank/queue';
import { batchLingerMs, createViewApplier } from './view-applier.ts';

describe('the view applier', () => {
  it.each([
    [1_000, 50],
    [500, 25],
    [100, 5],
    [20, 2],
  ])('with lists published every %d ms a batch lingers %d ms', (refreshMs, lingerMs) => {
    expect(batchLingerMs(refreshMs)).toBe(lingerMs);
  });

  it('a job whose views were all dropped completes without a write', async () => {
    const unreachable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('nothing should be written');
        },
      },
    );
    const applier = createViewApplier({
      db: unreachable as Db,
      redis: unreachable as RedisClient,
      appliedCounterKey: 'applied',
      metricsKey: 'metrics',
      halfLifeMs: 3_600_000,
      visitorPrefix: 'test',
      logger: createLogger({ level: 'silent', name: 'test' }),
      t0Ms: 0,
      refreshMs: 1_000,
      retention: { dedupRetentionMs: 7 * 86_400_000, historyDays: 7 },
    });
    await expect(applier.submit([])).resolves.toBeUndefined();
    await applier.drain();
    expect(applier.totals()).toEqual({ counted: 0, engaged: 0, duplicates: 0, unknownArticles: 0, batches: 0 });
  });
});
