import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { Queue } from 'bullmq';
import {
  articleCountsBySource,
  claimSourceNow,
  deleteSource,
  findSourceBySlug,
  insertSource,
  listSources,
  releaseSourceClaim,
  slugsLike,
  updateSourceSettings,
  type Db,
  type SourceRow,
} from '@newsrank/db';
import { checkFetchUrl } from '../guard/check-fetch-url.ts';
import { isPublicAddress } from '../guard/public-address.ts';
import { SourceUrlError } from '../guard/source-url-error.ts';
import { presentSource, type SourceView } from './present-source.ts';
import { queueFetchNow } from './queue-fetch.ts';
import type { SourcesSettings } from './settings.ts';
import { SourceError } from './source-error.ts';
import { SOURCE_SLUG, type SourcePatch, type SubscribeInput } from './source-input.ts';

/** What managing subscriptions needs: the store, the queue fetches go on, and the settings. */
export interface SourcesStore {
  db: Db;
  sourcesQueue: Queue;
  settings: SourcesSettings;
}

export async function view(store: SourcesStore, row: SourceRow): Promise<SourceView> {
  const counts = await articleCountsBySource(store.db, [row.slug]);
  return presentSource(row, counts.get(row.slug) ?? 0, store.settings.bounds.minSeconds);
}

export async function listSourceViews(store: SourcesStore): Promise<SourceView[]> {
  const rows = await listSources(store.db);
  const counts = await articleCountsBySource(
    store.db,
    rows.map((row) => row.slug),
  );
  return rows.map((row) => presentSource(row, counts.get(row.slug) ?? 0, store.settings.bounds.minSeconds));
}

export async function sourceView(store: SourcesStore, slug: string): Promise<SourceView> {
  return view(store, await existingSource(store.db, slug));
}

async function existingSource(db: Db, slug: string): Promise<SourceRow> {
  const row = SOURCE_SLUG.test(slug) ? await findSourceBySlug(db, slug) : undefined;
  if (!row) throw new SourceError('not-found', 'not_found', `no source ${slug}`);
  return row;
}

/**
 * Refuses what must never be fetched before anything is stored: a URL that is not http(s), and
 * a host that is or resolves to a loopback, private, link-local or metadata address. A host that
 * does not resolve yet is subscribed; its first fetch says so in the source's health.
 */
export async function checkSubscribableUrl(url: string, allowPrivate: boolean): Promise<URL> {
  let parsed: URL;
  try {
    parsed = checkFetchUrl(url, { allowPrivate });
  } catch (error) {
    if (error instanceof SourceUrlError) {
      throw new SourceError(
        error.code === 'refused-address' ? 'refused-address' : 'invalid',
        error.code === 'refused-address' ? 'refused_address' : 'invalid_url',
        error.message,
      );
    }
    throw error;
  }
  if (!allowPrivate) {
    const addresses = await lookup(parsed.hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(() => []);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) {
      throw new SourceError(
        'refused-address',
        'refused_address',
        `${parsed.hostname} resolves to ${refused.address}, a loopback, private or link-local address, which is not fetched (FETCH_ALLOW_PRIVATE=true allows it)`,
      );
    }
  }
  return parsed;
}

/** A slug from the feed's host (`www.example.com` → `example.com`), made unique with `-2`, `-3`… */
export function slugCandidates(url: URL, taken: readonly string[]): string {
  const base =
    // A hostname is lowercase ASCII already (IDNs in punycode); dots stay, as the slug rule allows.
    url.hostname
      .replace(/^www\./, '')
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .slice(0, 56) || 'source';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Subscribes to a feed and queues its first fetch at once. The same URL again answers the
 * existing source (`created: false`) and queues nothing.
 */
export async function subscribeSource(
  store: SourcesStore,
  input: SubscribeInput,
): Promise<{ created: boolean; source: SourceView; jobId: string | null }> {
  const url = await checkSubscribableUrl(input.url, store.settings.fetch.allowPrivate);
  url.hash = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = input.slug ?? slugCandidates(url, await slugsLike(store.db, slugCandidates(url, [])));
    const result = await insertSource(store.db, {
      id: randomUUID(),
      slug,
      url: url.href,
      host: url.hostname.toLowerCase(),
      category: input.category,
      requestedIntervalSeconds: input.intervalSeconds,
      leaseMs: store.settings.leaseMs,
    });
    if (result.kind === 'existing') return { created: false, source: await view(store, result.source), jobId: null };
    if (result.kind === 'created') {
      let jobId: string;
      try {
        jobId = await queueFetchNow(store.sourcesQueue, result.source.id);
      } catch (error) {
        // The source stands; with its claim released the poller fetches it on its next tick.
        await releaseSourceClaim(store.db, result.source.id).catch(() => {});
        throw error;
      }
      return { created: true, source: await view(store, result.source), jobId };
    }
    if (input.slug !== null)
      throw new SourceError('conflict', 'slug_taken', `the slug ${input.slug} is another source's; choose another or leave it out`);
  }
  throw new SourceError('conflict', 'slug_taken', 'could not find a free slug for this source; give one');
}

export async function changeSource(store: SourcesStore, slug: string, patch: SourcePatch): Promise<SourceView> {
  const row = !SOURCE_SLUG.test(slug)
    ? undefined
    : await updateSourceSettings(store.db, slug, {
        ...(patch.paused === undefined ? {} : { paused: patch.paused }),
        ...(patch.intervalSeconds === undefined ? {} : { requestedIntervalSeconds: patch.intervalSeconds }),
        ...(patch.category === undefined ? {} : { category: patch.category }),
      });
  if (!row) throw new SourceError('not-found', 'not_found', `no source ${slug}`);
  return view(store, row);
}

/** Ends the subscription; its articles stay, filed under its slug. */
export async function removeSource(store: SourcesStore, slug: string): Promise<void> {
  if (!SOURCE_SLUG.test(slug) || !(await deleteSource(store.db, slug)))
    throw new SourceError('not-found', 'not_found', `no source ${slug}`);
}

/** Fetches a source now, whatever its schedule, pause or health (a disabled source comes back by this). */
export async function refreshSource(store: SourcesStore, slug: string): Promise<{ jobId: string; source: SourceView }> {
  const row = !SOURCE_SLUG.test(slug) ? undefined : await claimSourceNow(store.db, slug, store.settings.leaseMs);
  if (!row) throw new SourceError('not-found', 'not_found', `no source ${slug}`);
  const jobId = await queueFetchNow(store.sourcesQueue, row.id);
  return { jobId, source: await view(store, row) };
}
