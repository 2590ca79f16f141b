import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface ArticlesTable {
  id: string;
  source: string;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string | null;
  content_html: string | null;
  author: string | null;
  category: string | null;
  category_slug: string | null;
  tags: string[];
  dateline: string | null;
  image_url: string | null;
  image_caption: string | null;
  language: string | null;
  published_at: NullableTimestamp;
  /** Where published_at came from: feed, page-metadata, page-text or first-seen. */
  published_at_origin: string | null;
  /** The zone the source printed published_at in: an IANA zone or a fixed offset (`+09:00`). */
  published_time_zone: string | null;
  /** coalesce(published_at, -infinity): lets keyset pagination put undated articles last. */
  published_sort: ColumnType<Date, never, never>;
  updated_at: NullableTimestamp;
  ingested_at: GeneratedTimestamp;
  modified_at: GeneratedTimestamp;
}

/** Every identity a story is known by (guid, canonical URL, source+title+time) → its one row. */
export interface ArticleKeysTable {
  key: string;
  article_id: string;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
