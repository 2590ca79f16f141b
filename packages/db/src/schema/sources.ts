import type { ColumnType, Generated, Selectable } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const SOURCE_STATUSES = ['pending', 'ok', 'failing', 'disabled'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** `requested` until the hub verifies the subscription, then `active`; `denied` when the hub refused it. */
export type WebSubState = 'requested' | 'active' | 'denied' | 'unsubscribing';

/** A feed newsrank fetches itself; its documents are ingested under `slug` like posted ones. */
export interface SourcesTable {
  id: string;
  slug: string;
  url: string;
  host: string;
  title: string | null;
  site_url: string | null;
  category: string | null;
  paused: Generated<boolean>;
  status: ColumnType<SourceStatus, SourceStatus | undefined, SourceStatus>;
  requested_interval_seconds: number | null;
  interval_seconds: number | null;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: NullableTimestamp;
  last_success_at: NullableTimestamp;
  next_fetch_at: GeneratedTimestamp;
  last_http_status: number | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  claimed_until: NullableTimestamp;
  websub_hub: string | null;
  websub_topic: string | null;
  websub_secret: string | null;
  websub_state: WebSubState | null;
  websub_expires_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export type SourceRow = Selectable<SourcesTable>;
