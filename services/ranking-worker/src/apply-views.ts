import {
  addPopularity,
  addViewBuckets,
  addWindowViews,
  lockLandmarkShared,
  readWindowHorizons,
  recordNewEvents,
  type Db,
  type EventToCount,
} from '@newsrank/db';
import { aggregateViews, eventKey, windowIncrements } from '@newsrank/ranking';
import type { QueuedViewEvent } from '@newsrank/queue';

export interface ApplyOutcome {
  received: number;
  /** Views added: events never counted before. */
  counted: number;
  /** Events whose eventId was counted already (a retried request, a redelivered job). */
  duplicates: number;
  /** Events for an article deleted since the API accepted them. */
  unknownArticles: number;
  /** The landmark the batch was weighed against. */
  t0Ms: number;
}

export class LandmarkMismatchError extends Error {
  constructor(stored: number | null, configured: number) {
    super(`popularity landmark holds half-life ${stored} ms, this worker uses ${configured} ms; it must be prepared first`);
    this.name = 'LandmarkMismatchError';
  }
}

/**
 * Applies a batch of views in one transaction: record the eventIds, and for the ones not seen
 * before add minute buckets, hour buckets, the windows' running totals and the forward-decay
 * accumulators. Dedup record and
 * effect commit together, so applying the same events again (at-least-once delivery) adds nothing.
 */
export async function applyViews(db: Db, events: readonly QueuedViewEvent[], halfLifeMs: number): Promise<ApplyOutcome> {
  const byKey = new Map<string, EventToCount>();
  for (const event of events) {
    const key = eventKey(event.eventId);
    if (!byKey.has(key)) byKey.set(key, { eventKey: key, articleId: event.articleId, occurredAt: event.occurredAt });
  }
  const unique = [...byKey.values()];

  return db.transaction().execute(async (trx) => {
    const landmark = await lockLandmarkShared(trx);
    if (landmark.halfLifeMs !== halfLifeMs) throw new LandmarkMismatchError(landmark.halfLifeMs, halfLifeMs);
    const recorded = await recordNewEvents(trx, unique);
    const counted = unique.filter((event) => recorded.countedKeys.has(event.eventKey));
    const aggregates = aggregateViews(counted, halfLifeMs, landmark.t0Ms);
    const lastViewed = new Map<string, number>();
    for (const event of counted) lastViewed.set(event.articleId, Math.max(lastViewed.get(event.articleId) ?? -Infinity, event.occurredAt));

    const buckets = (resolution: 'minuteBuckets' | 'hourBuckets') =>
      aggregates.flatMap((a) => a[resolution].map((b) => ({ articleId: a.articleId, bucketStart: b.bucketStart, views: b.views })));
    await addViewBuckets(trx, 'article_views_minute', buckets('minuteBuckets'));
    await addViewBuckets(trx, 'article_views_hour', buckets('hourBuckets'));
    // Under the shared landmark lock: a window's horizon cannot move while this batch applies.
    const horizons = await readWindowHorizons(trx);
    await addWindowViews(
      trx,
      windowIncrements(aggregates, horizons).map((row) => ({ windowName: row.window, articleId: row.articleId, views: row.views })),
    );
    await addPopularity(
      trx,
      aggregates.map((a) => ({
        articleId: a.articleId,
        increment: a.decayIncrement,
        views: a.views,
        lastViewedAt: new Date(lastViewed.get(a.articleId) ?? 0),
      })),
    );
    return {
      received: events.length,
      counted: counted.length,
      duplicates: events.length - counted.length - recorded.unknownArticles,
      unknownArticles: recorded.unknownArticles,
      t0Ms: landmark.t0Ms,
    };
  });
}
