import { lockLandmarkExclusive, readWindowHorizons, rebuildWindow, shiftWindow, type Db } from '@newsrank/db';
import { RANKING_WINDOWS, windowBucketRange, type BucketResolution } from '@newsrank/ranking';

/**
 * Longest stretch a window's start is moved by subtracting (or adding back) the buckets in
 * between; beyond it the totals are rebuilt. Kept well inside bucket retention (minute buckets
 * 2 h, hour buckets 31 days), so the buckets to subtract have never been pruned yet.
 */
const MAX_SHIFT_MS: Record<BucketResolution, number> = { minute: 30 * 60_000, hour: 12 * 3_600_000 };

const TABLE = { minute: 'article_views_minute', hour: 'article_views_hour' } as const;

/**
 * Brings every window's running totals to the window as it is at `nowMs`: the buckets that left
 * it since the last tick are subtracted (a minute's worth for 1h, an hour's for the others), a
 * window never built (or left far behind) is built from its buckets. Holds the landmark lock
 * exclusively meanwhile, so no batch adds views against a horizon being moved. Most ticks find
 * every horizon in place and take no lock at all.
 */
export async function advanceWindows(db: Db, nowMs: number): Promise<void> {
  const targets = RANKING_WINDOWS.map((window) => ({ window, range: windowBucketRange(window, nowMs) }));
  const inPlace = (horizons: Map<string, Date>) =>
    targets.every(({ window, range }) => horizons.get(window)?.getTime() === range.fromInclusive.getTime());
  if (inPlace(await readWindowHorizons(db))) return;
  await db.transaction().execute(async (trx) => {
    await lockLandmarkExclusive(trx);
    const horizons = await readWindowHorizons(trx);
    for (const { window, range } of targets) {
      const from = horizons.get(window);
      const to = range.fromInclusive;
      if (from?.getTime() === to.getTime()) continue;
      const table = TABLE[range.resolution];
      if (from === undefined || Math.abs(to.getTime() - from.getTime()) > MAX_SHIFT_MS[range.resolution])
        await rebuildWindow(trx, window, table, to);
      else await shiftWindow(trx, window, table, from, to);
    }
  });
}
