import { sql, type Updateable } from 'kysely';
import type { Db } from '../database.ts';
import type { SourceRow, SourceStatus, SourcesTable, WebSubState } from '../schema/index.ts';
import { recordIngestJob, type NewIngestJob } from './ingest-jobs.ts';

export interface NewSource {
  id: string;
  slug: string;
  url: string;
  host: string;
  category: string | null;
  title?: string | null;
  siteUrl?: string | null;
  requestedIntervalSeconds: number | null;
  /** The new source is claimed for this long: its first fetch is queued at once by the subscriber. */
  leaseMs: number;
}

export type InsertSourceResult = { kind: 'created'; source: SourceRow } | { kind: 'existing'; source: SourceRow } | { kind: 'slug-taken' };

/**
 * Subscribes once per URL: the same URL again answers the existing source. A slug already used
 * by another URL is reported, so the caller can choose another or refuse.
 */
export async function insertSource(db: Db, source: NewSource): Promise<InsertSourceResult> {
  const inserted = await db
    .insertInto('sources')
    .values({
      id: source.id,
      slug: source.slug,
      url: source.url,
      host: source.host,
      category: source.category,
      title: source.title ?? null,
      site_url: source.siteUrl ?? null,
      requested_interval_seconds: source.requestedIntervalSeconds,
      claimed_until: sql`now() + make_interval(secs => ${source.leaseMs / 1000})`,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { kind: 'created', source: inserted };
  const existing = await findSourceByUrl(db, source.url);
  if (existing) return { kind: 'existing', source: existing };
  return { kind: 'slug-taken' };
}

export async function findSourceByUrl(db: Db, url: string): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('url', '=', url).executeTakeFirst();
}

export async function findSourceBySlug(db: Db, slug: string): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findSourceById(db: Db, id: string): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Slugs in use that start with `base`, so a new one can be made unique (`base-2`, `base-3`…). */
export async function slugsLike(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sources')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}-%`)]))
    .execute();
  return rows.map((row) => row.slug);
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().orderBy('slug').execute();
}

/** Articles filed under each of the given source slugs. */
export async function articleCountsBySource(db: Db, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['source', db.fn.countAll<number>().as('articles')])
    .where('source', 'in', slugs)
    .groupBy('source')
    .execute();
  return new Map(rows.map((row) => [row.source, Number(row.articles)]));
}

export interface SourceSettings {
  paused?: boolean;
  requestedIntervalSeconds?: number | null;
  category?: string | null;
}

export async function updateSourceSettings(db: Db, slug: string, settings: SourceSettings): Promise<SourceRow | undefined> {
  const patch: Updateable<SourcesTable> = {};
  if (settings.paused !== undefined) patch.paused = settings.paused;
  if (settings.requestedIntervalSeconds !== undefined) patch.requested_interval_seconds = settings.requestedIntervalSeconds;
  if (settings.category !== undefined) patch.category = settings.category;
  if (Object.keys(patch).length === 0) return findSourceBySlug(db, slug);
  return db.updateTable('sources').set(patch).where('slug', '=', slug).returningAll().executeTakeFirst();
}

/** Ends the subscription; the articles filed under the slug stay. */
export async function deleteSource(db: Db, slug: string): Promise<SourceRow | undefined> {
  return db.deleteFrom('sources').where('slug', '=', slug).returningAll().executeTakeFirst();
}

export interface ClaimOptions {
  /** How many due sources to consider at once. */
  limit: number;
  /** Fetches in flight allowed per host, counting those already claimed. */
  perHost: number;
  /** How long a claim holds before another poller may take the source again. */
  leaseMs: number;
  /** Only sources of this host (a finished fetch hands its slot to the next source of its host). */
  host?: string;
}

export interface ClaimedSource {
  id: string;
  host: string;
  /** The due time claimed: a fetch job for it runs once, however often it is delivered. */
  next_fetch_at: Date;
}

/**
 * Claims due sources for fetching: rows locked by another poller are skipped, and no host gets
 * more than `perHost` claims in flight. A claim is released when its fetch records its result;
 * a fetch that dies leaves the claim to expire, and the source is claimed again.
 */
export async function claimDueSources(db: Db, options: ClaimOptions): Promise<ClaimedSource[]> {
  const hostFilter = options.host === undefined ? sql`` : sql`and host = ${options.host}`;
  const result = await sql<ClaimedSource>`
    with candidates as (
      select id, host, next_fetch_at from sources
      where next_fetch_at <= now() and not paused and status <> 'disabled'
        and (claimed_until is null or claimed_until <= now()) ${hostFilter}
      order by next_fetch_at
      limit ${options.limit}
      for update skip locked
    ), ranked as (
      select id, host, row_number() over (partition by host order by next_fetch_at) as position from candidates
    ), in_flight as (
      select host, count(*)::int as claims from sources
      where claimed_until > now() and host in (select host from ranked)
      group by host
    )
    update sources set claimed_until = now() + make_interval(secs => ${options.leaseMs / 1000})
    from ranked left join in_flight on in_flight.host = ranked.host
    where sources.id = ranked.id and ranked.position + coalesce(in_flight.claims, 0) <= ${options.perHost}
    returning sources.id, sources.host, sources.next_fetch_at`.execute(db);
  return result.rows;
}

/** Gives a claim back without a result: the fetch job could not be queued. */
export async function releaseSourceClaim(db: Db, sourceId: string): Promise<void> {
  await db.updateTable('sources').set({ claimed_until: null }).where('id', '=', sourceId).execute();
}

/**
 * A refresh by hand: claimed whatever its schedule, pause or claim (a stale claim of a fetch that
 * died must not make a person wait). Of two fetches in flight, the one that records first wins;
 * the other finds the claim released and records nothing.
 */
export async function claimSourceNow(db: Db, slug: string, leaseMs: number): Promise<SourceRow | undefined> {
  return db
    .updateTable('sources')
    .set({ claimed_until: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where('slug', '=', slug)
    .returningAll()
    .executeTakeFirst();
}

/** What a fetch changes in its source; the claim is always released with it. */
export interface FetchRecord {
  status: SourceStatus;
  intervalSeconds: number;
  nextFetchAt: Date;
  lastHttpStatus: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  succeeded: boolean;
  etag?: string | null;
  lastModified?: string | null;
  title?: string | null;
  siteUrl?: string | null;
  /** After a permanent redirect. */
  url?: string;
  host?: string;
}

function fetchPatch(record: FetchRecord): Updateable<SourcesTable> {
  const patch: Updateable<SourcesTable> = {
    status: record.status,
    interval_seconds: record.intervalSeconds,
    next_fetch_at: record.nextFetchAt,
    last_http_status: record.lastHttpStatus,
    last_error: record.lastError,
    consecutive_failures: record.consecutiveFailures,
    last_fetched_at: new Date(),
    claimed_until: null,
  };
  if (record.succeeded) patch.last_success_at = new Date();
  if (record.etag !== undefined) patch.etag = record.etag;
  if (record.lastModified !== undefined) patch.last_modified = record.lastModified;
  if (record.title) patch.title = record.title;
  if (record.siteUrl) patch.site_url = record.siteUrl;
  if (record.url !== undefined) patch.url = record.url;
  if (record.host !== undefined) patch.host = record.host;
  return patch;
}

/**
 * Records a fetch that brought nothing to ingest (304, failure). Only a claimed source takes a
 * result: a redelivered job whose result was already recorded (claim released) changes nothing.
 */
export async function recordFetch(db: Db, sourceId: string, record: FetchRecord): Promise<boolean> {
  const result = await db
    .updateTable('sources')
    .set(fetchPatch(record))
    .where('id', '=', sourceId)
    .where('claimed_until', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a fetched document as an accepted ingest job and the source's new state in one
 * transaction: the document is durable (and swept onto the queue if its entry is lost) exactly
 * when the source stops waiting for it.
 */
export async function recordFetchedDocument(db: Db, sourceId: string, record: FetchRecord, job: NewIngestJob): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sources')
      .set(fetchPatch(record))
      .where('id', '=', sourceId)
      .where('claimed_until', 'is not', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordIngestJob(trx, job);
    return true;
  });
}

/** A permanent redirect to a URL another source already has: the two would fetch the same feed. */
export async function sourceUrlTaken(db: Db, url: string, exceptId: string): Promise<boolean> {
  const row = await db.selectFrom('sources').select('id').where('url', '=', url).where('id', '<>', exceptId).executeTakeFirst();
  return row !== undefined;
}

export interface WebSubRecord {
  hub: string | null;
  topic: string | null;
  secret: string | null;
  state: WebSubState | null;
  expiresAt: Date | null;
}

export async function recordWebSub(db: Db, sourceId: string, websub: WebSubRecord): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      websub_hub: websub.hub,
      websub_topic: websub.topic,
      websub_secret: websub.secret,
      websub_state: websub.state,
      websub_expires_at: websub.expiresAt,
    })
    .where('id', '=', sourceId)
    .execute();
}

/** Active WebSub subscriptions whose lease ends before `before`: to be renewed. */
export async function webSubRenewalsDue(db: Db, before: Date, limit: number): Promise<SourceRow[]> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('websub_expires_at', '<', before)
    .where('websub_state', '=', 'active')
    .where('paused', '=', false)
    .orderBy('websub_expires_at')
    .limit(limit)
    .execute();
}

export async function countSourcesByStatus(db: Db): Promise<Record<SourceStatus | 'paused', number>> {
  const rows = await db
    .selectFrom('sources')
    .select([sql<string>`case when paused then 'paused' else status end`.as('state'), db.fn.countAll<number>().as('sources')])
    .groupBy('state')
    .execute();
  const counts = { pending: 0, ok: 0, failing: 0, disabled: 0, paused: 0 };
  for (const row of rows) counts[row.state as keyof typeof counts] = Number(row.sources);
  return counts;
}
