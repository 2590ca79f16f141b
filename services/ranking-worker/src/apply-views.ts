import {
  addPopularity,
  addReaderFacts,
  addViewBuckets,
  addWindowViews,
  lockLandmarkShared,
  readWindowHorizons,
  recordNewEvents,
  type Db,
  type EventToCount,
} from '@newsrank/db';
import { isEngaged, readerFactsOf, stageVisits, visitsOf } from '@newsrank/analytics';
import { aggregateViews, eventKey, windowIncrements } from '@newsrank/ranking';
import type { QueuedViewEvent, RedisClient } from '@newsrank/queue';
import { MINUTE_BUCKET_RETENTION_MS } from './retention.ts';

export interface ApplyOutcome {
  received: number;
  /** Views added: view events never counted before. */
  counted: number;
  /** Engaged events never counted before: reading time added, no view. */
  engaged: number;
  /** Events whose eventId was counted already (a retried request, a redelivered job). */
  duplicates: number;
  /** Events for an article deleted since the API accepted them. */
  unknownArticles: number;
  /** The landmark the batch was weighed against. */
  t0Ms: number;
  /** The counting epoch its dedup records went under. */
  epochMs: number;
}

export class LandmarkMismatchError extends Error {
  constructor(stored: number | null, configured: number) {
    super(`popularity landmark holds half-life ${stored} ms, this worker uses ${configured} ms; it must be prepared first`);
    this.name = 'LandmarkMismatchError';
  }
}

/** Where visitors are counted: the deployment's HyperLogLogs in Redis. */
export interface VisitorSink {
  redis: RedisClient;
  prefix: string;
}

/**
 * Applies a batch of events in one transaction: record the eventIds, and for the ones not seen
 * before add minute buckets, hour buckets, the windows' running totals and the forward-decay
 * accumulators (views), and the hour's reader facts: referrers, campaigns, engaged time. Dedup
 * record and effect commit together, so applying the same events again (at-least-once delivery)
 * adds nothing.
 *
 * The visitors of the new views go to their sets in Redis before the commit: if the commit then
 * fails, the retry adds the same visitors to the same sets, which changes nothing; a visitor is
 * never added for an event that was counted before. Without a sink (tests of counting alone) no
 * visitor is recorded. The Redis round trip runs while the batch's rows are written rather than
 * after them, so the rows every batch touches (this minute's buckets, the site's hour) are not
 * held locked while Redis answers.
 *
 * A view older than the minute buckets' retention gets no minute bucket (only the 1h list reads
 * them, and their partition is gone or about to go); its hour bucket and totals count as usual.
 */
export async function applyViews(
  db: Db,
  events: readonly QueuedViewEvent[],
  halfLifeMs: number,
  visitors?: VisitorSink,
  nowMs = Date.now(),
): Promise<ApplyOutcome> {
  const byKey = new Map<string, { record: EventToCount; event: QueuedViewEvent }>();
  for (const event of events) {
    const key = eventKey(event.eventId);
    if (!byKey.has(key)) byKey.set(key, { record: { eventKey: key, articleId: event.articleId }, event });
  }
  const unique = [...byKey.values()].map((entry) => entry.record);

  return db.transaction().execute(async (trx) => {
    const landmark = await lockLandmarkShared(trx);
    if (landmark.halfLifeMs !== halfLifeMs) throw new LandmarkMismatchError(landmark.halfLifeMs, halfLifeMs);
    const recorded = await recordNewEvents(trx, unique);
    const newEvents = [...byKey.values()].filter((entry) => !recorded.skippedKeys.has(entry.record.eventKey)).map((entry) => entry.event);
    const counted = newEvents.filter((event) => !isEngaged(event));
    const visitorsAdded = visitors ? addVisitors(visitors, newEvents) : Promise.resolve();
    // Awaited below; a failed write before that ends the transaction with its own error.
    visitorsAdded.catch(() => {});
    const aggregates = aggregateViews(counted, halfLifeMs, landmark.t0Ms);
    const lastViewed = new Map<string, number>();
    for (const event of counted) lastViewed.set(event.articleId, Math.max(lastViewed.get(event.articleId) ?? -Infinity, event.occurredAt));

    const buckets = (resolution: 'minuteBuckets' | 'hourBuckets') =>
      aggregates.flatMap((a) => a[resolution].map((b) => ({ articleId: a.articleId, bucketStart: b.bucketStart, views: b.views })));
    const minutesFrom = nowMs - MINUTE_BUCKET_RETENTION_MS;
    await addViewBuckets(
      trx,
      'article_views_minute',
      buckets('minuteBuckets').filter((row) => row.bucketStart.getTime() >= minutesFrom),
    );
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
    await addReaderFacts(trx, readerFactsOf(newEvents));
    await visitorsAdded;
    return {
      received: events.length,
      counted: counted.length,
      engaged: newEvents.length - counted.length,
      duplicates: events.length - newEvents.length - recorded.unknownArticles,
      unknownArticles: recorded.unknownArticles,
      t0Ms: landmark.t0Ms,
      epochMs: recorded.epochMs,
    };
  });
}

/** Adds the visitors of newly counted views to their sets, in one pipeline. */
async function addVisitors(sink: VisitorSink, newEvents: readonly QueuedViewEvent[]): Promise<void> {
  const visits = visitsOf(newEvents);
  if (visits.length === 0) return;
  const pipeline = sink.redis.pipeline();
  stageVisits(pipeline, sink.prefix, visits);
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.find(([error]) => error);
  if (failed) throw failed[0];
}
