import { lockLandmarkExclusive, rebasePopularity, rebuildPopularity, type Db } from '@newsrank/db';
import { chooseRebaseT0, needsRebase, rebaseFactor } from '@newsrank/ranking';
import type { Logger } from '@newsrank/logger';

/**
 * Makes the stored landmark fit this worker and `nowMs`, under the exclusive landmark lock (no
 * batch applies meanwhile): records the half-life on first use, rebuilds accumulators if the
 * half-life was changed, and moves T0 forward (a rebase) before weights could overflow.
 * Several workers may run it at once; whoever comes second finds nothing to do. Returns T0.
 */
export async function maintainLandmark(db: Db, halfLifeMs: number, nowMs: number, logger: Logger): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const landmark = await lockLandmarkExclusive(trx);
    if (landmark.halfLifeMs !== null && landmark.halfLifeMs !== halfLifeMs) {
      const t0Ms = chooseRebaseT0(nowMs, halfLifeMs);
      await rebuildPopularity(trx, t0Ms, halfLifeMs);
      logger.warn({ from: landmark.halfLifeMs, to: halfLifeMs }, 'popularity half-life changed: accumulators rebuilt from hour buckets');
      return t0Ms;
    }
    if (needsRebase(landmark.t0Ms, nowMs, halfLifeMs)) {
      const t0Ms = chooseRebaseT0(nowMs, halfLifeMs);
      await rebasePopularity(trx, t0Ms, rebaseFactor(landmark.t0Ms, t0Ms, halfLifeMs), halfLifeMs);
      logger.info({ from: new Date(landmark.t0Ms), to: new Date(t0Ms) }, 'popularity landmark rebased');
      return t0Ms;
    }
    if (landmark.halfLifeMs === null) await rebasePopularity(trx, landmark.t0Ms, 1, halfLifeMs);
    return landmark.t0Ms;
  });
}
