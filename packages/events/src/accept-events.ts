import type { Queue } from 'bullmq';
import { VisitorSalts, campaignOf, classifyReferrer, visitorKey } from '@newsrank/analytics';
import type { ReferencedArticle } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import { QueueUnavailableError, requireQueue, type ApplyEventsPayload, type QueuedViewEvent, type RedisClient } from '@newsrank/queue';
import type { EventsVerdict, Rejection } from '@newsrank/wire';
import { articleRefKey, type ArticleResolver } from './article-resolver.ts';
import { EventBatcher, type EventBatcherOptions } from './event-batcher.ts';
import { parseEvent, type ParsedEvent } from './parse-events.ts';

export interface AcceptEventsDeps {
  eventsQueue: Queue;
  redis: RedisClient;
  resolver: ArticleResolver;
  /** How long eventIds are remembered; older events are refused. */
  dedupRetentionMs: number;
  /** The day's salt for visitors who bring no visitorId. */
  salts: VisitorSalts;
}

/** Who sent the request: hashed with the day's salt into a visitor key, never stored. */
export interface RequestReader {
  clientAddress: string;
  userAgent: string;
}

export const EVENT_BATCHER_OPTIONS: EventBatcherOptions = {
  /** A job of this many events is still small in Redis (~100 bytes each) and one worker batch. */
  maxEventsPerJob: 5_000,
  /** Two adds overlap: one being synced to disk by Redis while the next group is sent. */
  maxAddsInFlight: 2,
};
// One batcher per queue, so every request this process serves shares the group commit.
const batchers = new WeakMap<Queue, EventBatcher>();
function batcherFor(queue: Queue): EventBatcher {
  let batcher = batchers.get(queue);
  if (!batcher) batchers.set(queue, (batcher = new EventBatcher(queue, EVENT_BATCHER_OPTIONS)));
  return batcher;
}

// Page views arrive in a steady stream: a beacon may retry soon.
const RETRY_AFTER_SECONDS = 1;

/**
 * Validates and resolves a request's events and queues the countable ones, together with those
 * of concurrent requests (EventBatcher). Resolves only once they are in Redis (the point from
 * which the views are durable), so a 202 built from the verdict never promises what a Redis
 * outage could lose; throws QueueUnavailableError otherwise. `log` is called only when there is
 * something to log: a request's child logger costs more to make than the rest of its bookkeeping.
 */
export async function acceptEvents(
  deps: AcceptEventsDeps,
  rawEvents: readonly unknown[],
  reader: RequestReader,
  log: () => Logger,
  nowMs = Date.now(),
): Promise<EventsVerdict> {
  const rejected: Rejection[] = [];
  const valid: ParsedEvent[] = [];
  rawEvents.forEach((raw, index) => {
    const parsed = parseEvent(raw, index, nowMs, deps.dedupRetentionMs);
    if ('reason' in parsed) rejected.push(parsed);
    else valid.push(parsed);
  });
  if (valid.length > 0) await requireQueue(deps.redis, RETRY_AFTER_SECONDS);

  const articles = await deps.resolver.resolve(
    valid.map((event) => event.article),
    nowMs,
  );
  const anonymous = valid.some((event) => event.visitorId === undefined)
    ? visitorKey({ salt: await deps.salts.saltFor(nowMs), ...reader })
    : undefined;
  const payload: ApplyEventsPayload = { events: [] };
  const visitors = new VisitorKeys(anonymous);
  for (const event of valid) {
    const article = articles.get(articleRefKey(event.article));
    if (article) payload.events.push(queuedEvent(event, article, visitors));
    else rejected.push({ index: event.index, reason: 'unknown article' });
  }

  if (payload.events.length > 0) {
    try {
      await batcherFor(deps.eventsQueue).add(payload.events);
    } catch (error) {
      log().warn({ err: error }, 'queue refused access events');
      throw new QueueUnavailableError(RETRY_AFTER_SECONDS);
    }
  }
  return { accepted: payload.events.length, filtered: 0, rejected: rejected.sort((a, b) => a.index - b.index) };
}

/** The visitor keys of one request: a page's events mostly share one visitorId, hashed once. */
class VisitorKeys {
  readonly #byVisitorId = new Map<string, string>();
  readonly #anonymous: string | undefined;

  constructor(anonymous: string | undefined) {
    this.#anonymous = anonymous;
  }

  of(visitorId: string | undefined): string | undefined {
    if (visitorId === undefined) return this.#anonymous;
    let key = this.#byVisitorId.get(visitorId);
    if (key === undefined) this.#byVisitorId.set(visitorId, (key = visitorKey({ visitorId })));
    return key;
  }
}

/** An event as the ranking worker applies it: the visitor hashed, the referrer cut to class and host, the page URL to its utm tags. */
function queuedEvent(event: ParsedEvent, article: ReferencedArticle, visitors: VisitorKeys): QueuedViewEvent {
  const queued: QueuedViewEvent = { eventId: event.eventId, articleId: article.id, occurredAt: event.occurredAt };
  if (event.kind === 'engaged') {
    queued.kind = 'engaged';
    queued.seconds = event.seconds ?? 0;
  }
  const visitor = visitors.of(event.visitorId);
  if (visitor !== undefined) queued.visitor = visitor;
  if (event.kind === 'view') {
    const referrer = classifyReferrer(event.referrer, [article.url, event.pageUrl]);
    if (referrer.class !== 'direct') queued.referrer = { class: referrer.class, host: referrer.host };
    const campaign = campaignOf(event.pageUrl);
    if (campaign) queued.campaign = campaign;
  }
  return queued;
}
