import { randomUUID } from 'node:crypto';
import { canonicalUrl, isUuid } from '@newsrank/core';
import { formatDuration, isAcceptableEventTime } from '@newsrank/ranking';
import type { Rejection } from '@newsrank/wire';

export const MAX_EVENTS_PER_REQUEST = 1000;
const MAX_ID_LENGTH = 128;
const MAX_VISITOR_ID_LENGTH = 256;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * How an event names its article: by id, or by an identity key (`url:<canonical>`) that the
 * story identity rules store for every URL variant of an article.
 */
export type ArticleRef = { kind: 'id'; ref: string } | { kind: 'key'; ref: string };

export interface ParsedEvent {
  index: number;
  article: ArticleRef;
  occurredAt: number;
  eventId: string;
  /** Engaged events carry reading time and never count as a view. */
  kind: 'view' | 'engaged';
  /** Engaged seconds (kind engaged). */
  seconds?: number;
  visitorId?: string;
  /** The page's document.referrer; only its host and class are kept. */
  referrer?: string;
  /** The page's own URL, for its utm_* tags: the event's pageUrl, else its url. */
  pageUrl?: string;
}

const MAX_REFERRER_LENGTH = 2048;
const MAX_PAGE_URL_LENGTH = 4096;
export const MAX_ENGAGED_SECONDS = 3600;

/** Why a request body holds no batch of events; the route turns it into a 400. */
export interface BatchProblem {
  problem: 'invalid_body' | 'too_many_events';
  message: string;
}

/** The `events` array of a request body, or what is wrong with the body as a whole. */
export function eventsOf(body: unknown): { events: unknown[] } | BatchProblem {
  const events = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { events?: unknown }).events : undefined;
  if (!Array.isArray(events) || events.length === 0) {
    return { problem: 'invalid_body', message: `expected {"events": [...]} with 1 to ${MAX_EVENTS_PER_REQUEST} events` };
  }
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    return {
      problem: 'too_many_events',
      message: `at most ${MAX_EVENTS_PER_REQUEST} events per request, got ${events.length}; split the batch`,
    };
  }
  return { events };
}

/** Date.parse rolls 31 February into March: the calendar fields must survive the round trip. */
function parseIsoTime(raw: string): number | null {
  const match = raw.length <= 40 ? ISO_TIME.exec(raw) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (
    calendar.getUTCMonth() !== (month ?? 1) - 1 ||
    calendar.getUTCDate() !== day ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  )
    return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

function articleRef(event: Record<string, unknown>): ArticleRef | string {
  if (event.articleId !== undefined) {
    return isUuid(event.articleId) ? { kind: 'id', ref: event.articleId.toLowerCase() } : 'articleId must be a uuid';
  }
  if (event.url !== undefined) {
    const canonical = typeof event.url === 'string' && event.url.length <= 4096 ? canonicalUrl(event.url) : null;
    return canonical ? { kind: 'key', ref: `url:${canonical}` } : 'url must be an absolute http(s) URL';
  }
  return 'articleId or url is required';
}

/**
 * Validates one event. An occurredAt older than the longest window, or than the dedup horizon
 * (`dedupRetentionMs`) if shorter, is refused (isAcceptableEventTime). Events without an eventId
 * get one here, so a redelivered job cannot count them twice; events without an occurredAt get
 * the time of receipt.
 */
export function parseEvent(raw: unknown, index: number, nowMs: number, dedupRetentionMs: number): ParsedEvent | Rejection {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { index, reason: 'event must be an object' };
  const event = raw as Record<string, unknown>;
  if (event.type !== 'view' && event.type !== 'engaged') return { index, reason: 'type must be "view" or "engaged"' };
  const kind = event.type;
  if (
    kind === 'engaged' &&
    !(typeof event.seconds === 'number' && Number.isFinite(event.seconds) && event.seconds > 0 && event.seconds <= MAX_ENGAGED_SECONDS)
  ) {
    return { index, reason: `an engaged event needs seconds: a number above 0 and at most ${MAX_ENGAGED_SECONDS}` };
  }
  const article = articleRef(event);
  if (typeof article === 'string') return { index, reason: article };

  let occurredAt = nowMs;
  if (event.occurredAt !== undefined) {
    const parsed = typeof event.occurredAt === 'string' ? parseIsoTime(event.occurredAt) : null;
    if (parsed === null) return { index, reason: 'occurredAt must be an ISO-8601 time with a zone' };
    occurredAt = parsed;
  }
  const verdict = isAcceptableEventTime(occurredAt, nowMs, { dedupRetentionMs });
  if (verdict === 'future') return { index, reason: 'occurredAt is more than a minute in the future' };
  if (verdict === 'too-old') return { index, reason: 'occurredAt is older than the longest ranking window' };
  if (verdict === 'past-dedup-horizon') {
    return {
      index,
      reason: `occurredAt is more than ${formatDuration(dedupRetentionMs)} ago, past the dedup horizon: a copy of an event that old could no longer be told apart from a retry, so it is not counted`,
    };
  }

  if (
    event.eventId !== undefined &&
    (typeof event.eventId !== 'string' || event.eventId.length === 0 || event.eventId.length > MAX_ID_LENGTH)
  ) {
    return { index, reason: `eventId must be a string of 1 to ${MAX_ID_LENGTH} characters` };
  }
  if (event.visitorId !== undefined && (typeof event.visitorId !== 'string' || event.visitorId.length > MAX_VISITOR_ID_LENGTH)) {
    return { index, reason: `visitorId must be a string of at most ${MAX_VISITOR_ID_LENGTH} characters` };
  }
  if (
    event.referrer !== undefined &&
    event.referrer !== null &&
    (typeof event.referrer !== 'string' || event.referrer.length > MAX_REFERRER_LENGTH)
  ) {
    return { index, reason: `referrer must be a string of at most ${MAX_REFERRER_LENGTH} characters` };
  }
  if (event.pageUrl !== undefined && (typeof event.pageUrl !== 'string' || event.pageUrl.length > MAX_PAGE_URL_LENGTH)) {
    return { index, reason: `pageUrl must be a string of at most ${MAX_PAGE_URL_LENGTH} characters` };
  }
  const parsed: ParsedEvent = {
    index,
    article,
    occurredAt,
    eventId: typeof event.eventId === 'string' ? event.eventId : randomUUID(),
    kind,
  };
  if (kind === 'engaged') parsed.seconds = event.seconds as number;
  if (typeof event.visitorId === 'string' && event.visitorId !== '') parsed.visitorId = event.visitorId;
  if (typeof event.referrer === 'string' && event.referrer !== '') parsed.referrer = event.referrer;
  const pageUrl = typeof event.pageUrl === 'string' ? event.pageUrl : typeof event.url === 'string' ? event.url : undefined;
  if (pageUrl) parsed.pageUrl = pageUrl;
  return parsed;
}
