import { isoSecond } from '@newsrank/core';
import type { SourceRow } from '@newsrank/db';
import type { Source } from '@newsrank/wire';

/** A Source as the API shows it (SPEC, "Sources"): the wire schema's type. */
export type SourceView = Source;

const WEBSUB_NOTES: Record<string, string> = {
  requested: 'subscription requested; waiting for the hub to verify it',
  denied: 'the hub refused the subscription; the feed is polled',
  failed: 'the hub could not be reached; the feed is polled',
  unavailable: 'the feed names a hub, but PUBLIC_URL is not set, so hubs cannot reach this deployment; the feed is polled',
};

export function presentSource(row: SourceRow, articles: number, minIntervalSeconds: number): SourceView {
  return {
    slug: row.slug,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    category: row.category,
    paused: row.paused,
    status: row.status,
    interval: row.interval_seconds ?? row.requested_interval_seconds ?? minIntervalSeconds,
    lastFetchedAt: isoSecond(row.last_fetched_at),
    lastSuccessAt: isoSecond(row.last_success_at),
    // A paused source has no next fetch until it is resumed.
    nextFetchAt: row.paused ? null : isoSecond(row.next_fetch_at),
    lastHttpStatus: row.last_http_status,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    articles,
    websub:
      row.websub_hub === null
        ? null
        : {
            hub: row.websub_hub,
            expiresAt: isoSecond(row.websub_expires_at),
            state: row.websub_state ?? 'requested',
            note: WEBSUB_NOTES[row.websub_state ?? ''] ?? null,
          },
  };
}
