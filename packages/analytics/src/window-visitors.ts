import type { RedisClient } from '@newsrank/queue';
import { HOUR_SETS_READ_MS, bucketsCovering } from './visitor-buckets.ts';
import { countVisitors, visitorSetKey } from './visitor-sets.ts';

export interface WindowVisitorsQuery {
  articleId: string;
  fromMs: number;
  toMs: number;
  /** The article's views in the range: while they and the range stay the same, so do its visitors. */
  views: number;
}

/**
 * Distinct visitors of list entries, for the publisher. Every tick asks again for hundreds of
 * entries, most of them unchanged: a count is reused while the entry's range start and views are
 * the same (a visitor is only ever added with a view), so Redis merges sets only for entries that
 * moved. The memory is bounded: past MAX_REMEMBERED counts it starts afresh.
 */
const MAX_REMEMBERED = 100_000;

export class WindowVisitors {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  #known = new Map<string, { fromMs: number; views: number; visitors: number }>();

  constructor(redis: RedisClient, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  /** Visitors per `scope\u0000articleId`, where scope names the window the query was made for. */
  async count(scope: string, queries: readonly WindowVisitorsQuery[], nowMs: number): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    const stale: WindowVisitorsQuery[] = [];
    for (const query of queries) {
      const known = this.#known.get(`${scope}\u0000${query.articleId}`);
      if (known && known.fromMs === query.fromMs && known.views === query.views) result.set(query.articleId, known.visitors);
      else stale.push(query);
    }
    if (this.#known.size + stale.length > MAX_REMEMBERED) this.#known.clear();
    const hourSetsFromMs = nowMs - HOUR_SETS_READ_MS;
    const counts = await countVisitors(
      this.#redis,
      stale.map((q) => bucketsCovering(q.fromMs, q.toMs, hourSetsFromMs).map((bucket) => visitorSetKey(this.#prefix, q.articleId, bucket))),
    );
    stale.forEach((query, i) => {
      // HyperLogLog may overshoot by a little; there cannot be more visitors than views.
      const visitors = Math.min(counts[i] ?? 0, query.views);
      result.set(query.articleId, visitors);
      this.#known.set(`${scope}\u0000${query.articleId}`, { fromMs: query.fromMs, views: query.views, visitors });
    });
    return result;
  }
}
