import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import {
  claimDueSources,
  findSourceById,
  recordFetch,
  recordFetchedDocument,
  recordWebSub,
  releaseSourceClaim,
  sourceUrlTaken,
  type Db,
  type FetchRecord,
  type SourceRow,
} from '@newsrank/db';
import { DocumentError, type ParseResult } from '@newsrank/feed-parser';
import type { ParseFunction } from '@newsrank/feed-parser/threads';
import type { Logger } from '@newsrank/logger';
import { queueIngestDocument, type FetchSourcePayload } from '@newsrank/queue';
import type { FetchOutcome, PollPlan, PollResult } from '../contract.ts';
import { planNextPoll } from '../poll/plan-next-poll.ts';
import { fetchFeed } from '../fetch/fetch-feed.ts';
import { discoverHub } from '../websub/discover-hub.ts';
import { feedCadence } from '../poll/feed-cadence.ts';
import { queueScheduledFetch, queueWebSubRequest } from './queue-fetch.ts';
import type { SourcesSettings } from './settings.ts';

export interface FetchContext {
  db: Db;
  sourcesQueue: Queue;
  ingestQueue: Queue;
  settings: SourcesSettings;
  parse: ParseFunction;
  logger: Logger;
}

export type FetchSourceResult =
  | { outcome: 'skipped'; why: string }
  | { outcome: 'changed'; status: number; ingestJobId: string | null; elapsedMs: number }
  | { outcome: 'not-modified'; elapsedMs: number }
  | { outcome: 'failed'; reason: string; status: number | null; elapsedMs: number };

/** A document that parsed but is one article page, not a feed: nothing a subscription can follow. */
const PAGE_FORMATS = new Set(['html', 'text']);

/**
 * One fetch of a source: conditional GET behind the address guard, then — for a changed feed —
 * the document recorded as an ingest job (the path a posted document takes) together with the
 * source's new state; for a 304 or a failure only the source's health and next due time.
 * Delivered twice, it records once: the claim it runs under is released by the first record.
 */
export async function fetchSource(context: FetchContext, payload: FetchSourcePayload, signal?: AbortSignal): Promise<FetchSourceResult> {
  const { db, settings, logger } = context;
  const source = await findSourceById(db, payload.sourceId);
  if (!source) return { outcome: 'skipped', why: 'the source was deleted' };
  if (source.claimed_until === null) return { outcome: 'skipped', why: 'this fetch was already recorded' };
  if (payload.dueAt !== null && source.next_fetch_at.getTime() !== payload.dueAt)
    return { outcome: 'skipped', why: 'the source was fetched since' };
  if (payload.dueAt !== null && (source.paused || source.status === 'disabled')) {
    await releaseSourceClaim(db, source.id);
    return { outcome: 'skipped', why: source.paused ? 'paused' : 'disabled' };
  }

  // The address guard runs inside, on the URL and on every redirect and resolved address.
  const fetched = await fetchFeed(
    { url: source.url, etag: source.etag, lastModified: source.last_modified },
    settings.fetch,
    signal ? { signal } : {},
  );
  const now = new Date();
  let result: FetchSourceResult;
  if (fetched.kind === 'changed') {
    result = await recordChanged(context, source, fetched, now);
  } else {
    const pollResult: PollResult =
      fetched.kind === 'not-modified'
        ? { kind: 'not-modified', maxAgeSeconds: fetched.maxAgeSeconds }
        : {
            kind: 'failed',
            reason: fetched.reason,
            message: fetched.message,
            status: fetched.status,
            retryAfterSeconds: fetched.retryAfterSeconds,
          };
    const plan = planFor(source, pollResult, settings, now);
    await recordFetch(db, source.id, {
      ...planRecord(plan),
      lastHttpStatus: fetched.status,
      succeeded: fetched.kind === 'not-modified',
      ...(await movedUrl(db, source, fetched.permanentUrl, logger)),
    });
    result =
      fetched.kind === 'not-modified'
        ? { outcome: 'not-modified', elapsedMs: fetched.elapsedMs }
        : { outcome: 'failed', reason: fetched.reason, status: fetched.status, elapsedMs: fetched.elapsedMs };
  }
  await handOnHostSlot(context, source.host);
  return result;
}

async function recordChanged(
  context: FetchContext,
  source: SourceRow,
  fetched: Extract<FetchOutcome, { kind: 'changed' }>,
  now: Date,
): Promise<FetchSourceResult> {
  const { db, settings, logger } = context;
  const base = { lastHttpStatus: fetched.status, ...(await movedUrl(db, source, fetched.permanentUrl, logger)) };
  let parsed: ParseResult;
  try {
    parsed = await context.parse(fetched.body, fetched.contentType ?? undefined, now);
    if (PAGE_FORMATS.has(parsed.format))
      throw new DocumentError('unsupported-type', `the answer is one ${parsed.format === 'html' ? 'HTML' : 'text'} page, not a feed`);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    const message = `not a feed: ${error.message}`;
    const plan = planFor(
      source,
      { kind: 'failed', reason: 'not-a-feed', message, status: fetched.status, retryAfterSeconds: null },
      settings,
      now,
    );
    await recordFetch(db, source.id, { ...planRecord(plan), ...base, succeeded: false });
    return { outcome: 'failed', reason: 'not-a-feed', status: fetched.status, elapsedMs: fetched.elapsedMs };
  }

  const links = parsed.links;
  const plan = planFor(source, { kind: 'changed', cadence: feedCadence(parsed), maxAgeSeconds: fetched.maxAgeSeconds }, settings, now);
  const record: FetchRecord = {
    ...planRecord(plan),
    ...base,
    succeeded: true,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    title: parsed.feed.title,
    siteUrl: links.siteUrl ?? parsed.feed.url,
  };
  const ingestJobId = randomUUID();
  const stored = await recordFetchedDocument(db, source.id, record, {
    id: ingestJobId,
    source: source.slug,
    kind: 'feed',
    contentType: fetched.contentType,
    format: parsed.format,
    body: fetched.body,
  });
  if (!stored) return { outcome: 'skipped', why: 'this fetch was already recorded' };
  await queueIngestDocument(context.ingestQueue, ingestJobId).catch((error: unknown) => {
    // Recorded in PostgreSQL: the ingest sweeper queues it within a minute.
    logger.warn({ err: error, ingestJobId }, 'could not queue a fetched document; the sweeper will');
  });
  await considerWebSub(context, source, fetched, links);
  return { outcome: 'changed', status: fetched.status, ingestJobId, elapsedMs: fetched.elapsedMs };
}

function planFor(source: SourceRow, result: PollResult, settings: SourcesSettings, now: Date): PollPlan {
  const websubActive = source.websub_state === 'active' && source.websub_expires_at !== null && source.websub_expires_at > now;
  const plan = planNextPoll({
    previous: { intervalSeconds: source.interval_seconds, consecutiveFailures: source.consecutive_failures, websubActive },
    result,
    bounds: settings.bounds,
    now,
  });
  // An interval the subscriber chose replaces the feed's own rate; failures still back off.
  if (source.requested_interval_seconds !== null && plan.status !== 'disabled' && result.kind !== 'failed' && !websubActive) {
    const seconds = source.requested_interval_seconds;
    return { ...plan, intervalSeconds: seconds, nextFetchAt: new Date(now.getTime() + seconds * 1000) };
  }
  return plan;
}

function planRecord(plan: PollPlan): Omit<FetchRecord, 'lastHttpStatus' | 'succeeded'> {
  return {
    status: plan.status,
    intervalSeconds: plan.intervalSeconds,
    nextFetchAt: plan.nextFetchAt,
    lastError: plan.lastError,
    consecutiveFailures: plan.consecutiveFailures,
  };
}

/** A permanent redirect moves the source, unless another source already has that URL. */
async function movedUrl(db: Db, source: SourceRow, permanentUrl: string | null, logger: Logger): Promise<{ url?: string; host?: string }> {
  if (permanentUrl === null || permanentUrl === source.url) return {};
  if (await sourceUrlTaken(db, permanentUrl, source.id)) {
    logger.warn({ source: source.slug, permanentUrl }, 'the feed moved to a URL another source has; kept the old URL');
    return {};
  }
  logger.info({ source: source.slug, from: source.url, to: permanentUrl }, 'the feed moved permanently; the source follows it');
  return { url: permanentUrl, host: new URL(permanentUrl).hostname.toLowerCase() };
}

/** WebSub when the feed names a hub: subscribe, or say in the source why it cannot. */
async function considerWebSub(
  context: FetchContext,
  source: SourceRow,
  fetched: Extract<FetchOutcome, { kind: 'changed' }>,
  links: ParseResult['links'],
): Promise<void> {
  const found = discoverHub({
    hubLinks: fetched.hubLinks,
    selfLinks: fetched.selfLinks,
    documentHubs: links.hubs,
    documentSelf: links.self,
    fetchedUrl: fetched.permanentUrl ?? source.url,
  });
  if (!found) return;
  const current = source.websub_hub === found.hub && source.websub_topic === found.topic;
  if (context.settings.publicUrl === null) {
    if (!current || source.websub_state !== 'unavailable') {
      await recordWebSub(context.db, source.id, {
        hub: found.hub,
        topic: found.topic,
        secret: null,
        state: 'unavailable',
        expiresAt: null,
      });
    }
    return;
  }
  // Requested or live for this hub and topic already; renewal has its own schedule.
  if (current && (source.websub_state === 'requested' || source.websub_state === 'active')) return;
  await queueWebSubRequest(context.sourcesQueue, { sourceId: source.id, hub: found.hub, topic: found.topic }, `${Date.now()}`).catch(
    (error: unknown) => {
      context.logger.warn({ err: error, source: source.slug }, 'could not queue a WebSub subscription; the next fetch tries again');
    },
  );
}

/**
 * A finished fetch hands its host's slot to the next due source of that host at once, so a
 * host with many feeds is fetched as fast as its slots allow, not one batch per poll tick.
 */
async function handOnHostSlot(context: FetchContext, host: string): Promise<void> {
  const { db, settings, sourcesQueue, logger } = context;
  try {
    for (const claim of await claimDueSources(db, { limit: 1, perHost: settings.perHost, leaseMs: settings.leaseMs, host })) {
      await queueScheduledFetch(db, sourcesQueue, claim);
    }
  } catch (error) {
    logger.warn({ err: error, host }, 'could not hand the host slot on; the next poll tick will');
  }
}
