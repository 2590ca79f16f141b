import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { STORY_FIELD_COLUMNS } from './story-rows.ts';

export const ARTICLE_COLUMNS = ['id', 'source', ...STORY_FIELD_COLUMNS, 'ingested_at', 'published_sort'] as const;

export interface ArticleFilter {
  categorySlug?: string | undefined;
  source?: string | undefined;
  since?: Date | undefined;
  limit: number;
  after?: ArticleCursor | undefined;
}

/** Position after the last article of a page: the three sort keys of that article. */
export interface ArticleCursor {
  publishedSort: string;
  ingestedAt: string;
  id: string;
}

/** Newest first by publication (undated last), then ingestion, then id; keyset pagination. */
export async function listArticles(db: Db, filter: ArticleFilter) {
  let query = db.selectFrom('articles').select(ARTICLE_COLUMNS);
  if (filter.categorySlug) query = query.where('category_slug', '=', filter.categorySlug);
  if (filter.source) query = query.where('source', '=', filter.source);
  if (filter.since) query = query.where('published_at', '>=', filter.since);
  if (filter.after) {
    const { publishedSort, ingestedAt, id } = filter.after;
    query = query.where(
      sql<boolean>`(published_sort, ingested_at, id) < (${publishedSort}::timestamptz, ${ingestedAt}::timestamptz, ${id}::uuid)`,
    );
  }
  return query.orderBy('published_sort', 'desc').orderBy('ingested_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function findArticle(db: Db, id: string) {
  return db.selectFrom('articles').select(ARTICLE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The article a URL names, through any variant the identity rules map to it. */
export async function findArticleIdsByKeys(db: Db, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('article_keys').select(['key', 'article_id']).where('key', 'in', keys).execute();
  return new Map(rows.map((row) => [row.key, row.article_id]));
}

export async function listCategories(db: Db) {
  return db
    .selectFrom('articles')
    .select(['category_slug as slug', sql<string>`min(category)`.as('name'), sql<number>`count(*)::int`.as('articles')])
    .where('category_slug', 'is not', null)
    .$narrowType<{ slug: string }>()
    .groupBy('category_slug')
    .orderBy('category_slug')
    .execute();
}

export type ArticleRecord = Awaited<ReturnType<typeof findArticle>> & {};
