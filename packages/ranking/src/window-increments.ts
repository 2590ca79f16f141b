import type { ArticleViewAggregate } from './aggregate.ts';
import { RANKING_WINDOWS, resolutionForWindow, type RankingWindow } from './windows.ts';

export interface WindowViews {
  window: RankingWindow;
  articleId: string;
  views: number;
}

/**
 * What a batch adds to each window's running totals: the views of its buckets at or after the
 * window's horizon (the oldest bucket the totals hold; a window without one is not built yet and
 * gets nothing). A late view in a bucket the window already left is kept in its bucket only.
 * Sorted by window, then article: every writer locks total rows in that one order.
 */
export function windowIncrements(aggregates: readonly ArticleViewAggregate[], horizons: ReadonlyMap<string, Date>): WindowViews[] {
  const rows: WindowViews[] = [];
  for (const window of [...RANKING_WINDOWS].sort()) {
    const horizon = horizons.get(window)?.getTime();
    if (horizon === undefined) continue;
    const resolution = resolutionForWindow(window) === 'minute' ? 'minuteBuckets' : 'hourBuckets';
    for (const aggregate of aggregates) {
      let views = 0;
      for (const bucket of aggregate[resolution]) if (bucket.bucketStart.getTime() >= horizon) views += bucket.views;
      if (views > 0) rows.push({ window, articleId: aggregate.articleId, views });
    }
  }
  return rows;
}
