import type { DefaultJobOptions, JobsOptions } from 'bullmq';

/**
 * The queues, and the payloads and options of the jobs on them; jobs.ts joins them into the
 * catalogue. Payloads carry ids and small records, never documents: a posted document lives in
 * PostgreSQL (ingest_jobs) until it is stored.
 */
export const QUEUE_NAMES = {
  ingest: 'ingest',
  events: 'events',
  ranking: 'ranking',
  sources: 'sources',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface IngestDocumentPayload {
  ingestJobId: string;
}

export const INGEST_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
};

export function isIngestDocumentPayload(data: unknown): data is IngestDocumentPayload {
  return typeof data === 'object' && data !== null && typeof (data as { ingestJobId?: unknown }).ingestJobId === 'string';
}

/**
 * One accepted event, as the API queues it: `occurredAt` in epoch ms, `articleId` already
 * resolved, the visitor already hashed and the referrer already cut to its class and host.
 */
export interface QueuedViewEvent {
  eventId: string;
  articleId: string;
  occurredAt: number;
  /** Absent for a view; an engaged event adds reading time, never a view. */
  kind?: 'engaged';
  /** Engaged seconds (kind engaged only). */
  seconds?: number;
  /** The visitor key (16 hex digits); absent when none could be made. */
  visitor?: string;
  /** Where the reader came from; absent is direct. */
  referrer?: { class: QueuedReferrerClass; host: string };
  /** utm_* of the page URL, when it had any. */
  campaign?: { source: string | null; medium: string | null; campaign: string | null };
}

export type QueuedReferrerClass = 'internal' | 'search' | 'social' | 'other';
const REFERRER_CLASSES: readonly string[] = ['internal', 'search', 'social', 'other'] satisfies QueuedReferrerClass[];

/** One job per accepted request on the `events` queue. */
export interface ApplyEventsPayload {
  events: QueuedViewEvent[];
}

/**
 * Counting is made exact in PostgreSQL (each eventId is recorded with its effect), so a job may
 * run again freely. Retries with backoff ride out a database outage of about an hour.
 */
export const EVENT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400 },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isApplyEventsPayload(data: unknown): data is ApplyEventsPayload {
  const events = (data as { events?: unknown } | null)?.events;
  return (
    Array.isArray(events) &&
    events.every(
      (event: Partial<QueuedViewEvent> | null) =>
        typeof event === 'object' &&
        event !== null &&
        typeof event.eventId === 'string' &&
        event.eventId.length > 0 &&
        event.eventId.length <= 128 &&
        typeof event.articleId === 'string' &&
        UUID.test(event.articleId) &&
        typeof event.occurredAt === 'number' &&
        Number.isFinite(event.occurredAt) &&
        hasValidReaderFields(event),
    )
  );
}

const isTag = (value: unknown) => value === null || (typeof value === 'string' && value.length <= 100);

function hasValidReaderFields(event: Partial<QueuedViewEvent>): boolean {
  if (event.kind !== undefined && event.kind !== 'engaged') return false;
  if (event.kind === 'engaged' && !(typeof event.seconds === 'number' && event.seconds > 0 && event.seconds <= 3_600)) return false;
  if (event.visitor !== undefined && !(typeof event.visitor === 'string' && /^[0-9a-f]{16}$/.test(event.visitor))) return false;
  const referrer = event.referrer;
  if (
    referrer !== undefined &&
    !(REFERRER_CLASSES.includes(referrer?.class) && typeof referrer.host === 'string' && referrer.host.length <= 253)
  )
    return false;
  const campaign = event.campaign;
  if (campaign !== undefined && !(isTag(campaign?.source) && isTag(campaign?.medium) && isTag(campaign?.campaign))) return false;
  return true;
}

/**
 * One fetch of a subscribed source. `dueAt` (epoch ms) is the due time the poller claimed it for,
 * null for a refresh by hand; with the source id it names the fetch, so a redelivered or
 * re-queued fetch of the same due time is the same job.
 */
export interface FetchSourcePayload {
  sourceId: string;
  dueAt: number | null;
}

export function isFetchSourcePayload(data: unknown): data is FetchSourcePayload {
  const payload = data as Partial<FetchSourcePayload> | null;
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof payload.sourceId === 'string' &&
    UUID.test(payload.sourceId) &&
    (payload.dueAt === null || (typeof payload.dueAt === 'number' && Number.isFinite(payload.dueAt)))
  );
}

/** Asks a source's WebSub hub to start (or renew) pushing its feed to us. */
export interface WebSubRequestPayload {
  sourceId: string;
  hub: string;
  topic: string;
}

export function isWebSubRequestPayload(data: unknown): data is WebSubRequestPayload {
  const payload = data as Partial<WebSubRequestPayload> | null;
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof payload.sourceId === 'string' &&
    UUID.test(payload.sourceId) &&
    typeof payload.hub === 'string' &&
    typeof payload.topic === 'string'
  );
}

/**
 * A fetch records its outcome in the source itself (health, backoff, next due time), so a failed
 * attempt is retried only for what the source cannot record: the database being away.
 */
export const SOURCE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: { age: 86_400, count: 1_000 },
};

/** Scheduled jobs carry nothing: what they do comes from the schedule and the worker's settings. */
export type NoPayload = Record<string, unknown> | null | undefined;

export function isNoPayload(data: unknown): data is NoPayload {
  return data === undefined || data === null || (typeof data === 'object' && !Array.isArray(data));
}

/** A scheduled job leaves no trace when it succeeds; the last hundred failures stay to be read. */
export const SCHEDULED_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };
