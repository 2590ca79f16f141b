import { Router } from 'express';
import { migrationsAreCurrent, sql, type Db } from '@newsrank/db';
import type { RedisClient } from '@newsrank/queue';
import type { Check, Health, Readiness } from '@newsrank/wire';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(probe(), 2_000);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function healthRoutes(db: Db, redis: RedisClient): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies Health);
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, redisCheck, migrations] = await Promise.all([
      check(() => sql`select 1`.execute(db)),
      check(() => redis.ping()),
      check(async () => {
        if (!(await migrationsAreCurrent(db))) throw new Error('migrations pending');
      }),
    ]);
    const ready = postgres.ok && redisCheck.ok && migrations.ok;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', checks: { postgres, redis: redisCheck, migrations } } satisfies Readiness);
  });
  return router;
}
