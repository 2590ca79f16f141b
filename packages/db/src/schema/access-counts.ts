import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Every event counted within the dedup horizon, by a hash of its eventId: the record that makes
 * counting exact. Partitioned by counted_at, the counting epoch the record was written in
 * (recordNewEvents says how a key stays unique).
 */
export interface CountedEventsTable {
  event_key: string;
  counted_at: Timestamp;
}

/** The one row naming the counting epoch batches record into (counting-epoch.ts). */
export interface CountedEventsEpochTable {
  id: Generated<number>;
  epoch: Timestamp;
}

/** Views of one article in one UTC minute or hour (article_views_minute, article_views_hour). */
export interface ArticleViewBucketsTable {
  bucket_start: Timestamp;
  article_id: string;
  views: number;
}

/** Forward-decayed popularity: Σ 2^((t_view − T0)/H) over the article's views, and its total. */
export interface ArticlePopularityTable {
  article_id: string;
  accumulator: number;
  views: number;
  last_viewed_at: Timestamp;
  /** Copied from the article (kept in step by a trigger), so per-category lists read in index order. */
  category_slug: ColumnType<string | null, string | null | undefined, string | null>;
  published_sort: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Views of one article inside one ranking window, kept current incrementally (window-totals.ts). */
export interface ArticleWindowViewsTable {
  window_name: string;
  article_id: string;
  category_slug: string | null;
  published_sort: Timestamp;
  views: number;
}

/** The oldest bucket each window's totals include. */
export interface WindowHorizonsTable {
  window_name: string;
  from_inclusive: Timestamp;
}

/** The single landmark T0 every accumulator is relative to, and the half-life they were built with. */
export interface PopularityLandmarkTable {
  id: Generated<number>;
  t0: Timestamp;
  half_life_ms: number | null;
}

/** Every version of every list as it was published, for `?at=`. */
export interface PublishedListsTable {
  list_key: string;
  generated_at: Timestamp;
  etag: string;
  payload: JSONColumnType<Record<string, unknown>>;
}
