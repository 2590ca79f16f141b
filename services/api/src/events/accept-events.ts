import type { Queue } from 'bullmq';
import type { Logger } from '@newsrank/logger';
import { longestWindowMs } from '@newsrank/ranking';
import { EVENT_JOB_OPTIONS, JOB_NAMES, type ApplyEventsPayload, type RedisClient } from '@newsrank/queue';
import { HttpError } from '../http/errors.ts';
import { articleRefKey, type ArticleResolver } from './article-resolver.ts';
import { parseEvent, type ParsedEvent, type Rejection } from './parse-events.ts';

export interface AcceptEventsDeps {
  eventsQueue: Queue;
  redis: RedisClient;
  resolver: ArticleResolver;
  /** How long eventIds are remembered; older events are refused. */
  dedupRetentionMs: number;
}

export interface EventsVerdict {
  accepted: number;
  filtered: number;
  rejected: Rejection[];
}

export const queueUnavailable = () =>
  new HttpError(503, 'queue_unavailable', 'the queue is not reachable; nothing was accepted, retry later', { 'retry-after': '1' });

/**
 * Validates and resolves a request's events and queues the countable ones as one job. Resolves
 * only once the job is in Redis (the point from which the views are durable), so a 202 built
 * from the verdict never promises what a Redis outage could lose; throws 503 otherwise.
 */
export async function acceptEvents(deps: AcceptEventsDeps, rawEvents: readonly unknown[], logger: Logger, nowMs = Date.now()): Promise<EventsVerdict> {
  const oldestMs = nowMs - Math.min(longestWindowMs, deps.dedupRetentionMs);
  const rejected: Rejection[] = [];
  const valid: ParsedEvent[] = [];
  rawEvents.forEach((raw, index) => {
    const parsed = parseEvent(raw, index, nowMs, oldestMs);
    if ('reason' in parsed) rejected.push(parsed);
    else valid.push(parsed);
  });
  if (valid.length > 0 && deps.redis.status !== 'ready') throw queueUnavailable();

  const articles = await deps.resolver.resolve(valid.map((event) => event.article), nowMs);
  const payload: ApplyEventsPayload = { events: [] };
  for (const event of valid) {
    const articleId = articles.get(articleRefKey(event.article));
    if (articleId) payload.events.push({ eventId: event.eventId, articleId, occurredAt: event.occurredAt });
    else rejected.push({ index: event.index, reason: 'unknown article' });
  }

  if (payload.events.length > 0) {
    try {
      await deps.eventsQueue.add(JOB_NAMES.applyEvents, payload, EVENT_JOB_OPTIONS);
    } catch (error) {
      logger.warn({ err: error }, 'queue refused access events');
      throw queueUnavailable();
    }
  }
  return { accepted: payload.events.length, filtered: 0, rejected: rejected.sort((a, b) => a.index - b.index) };
}
