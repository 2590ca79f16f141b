import { randomUUID } from 'node:crypto';
import { slugify } from '@newsrank/core';
import { sql, type Db } from '@newsrank/db';

export interface TestArticle {
  id: string;
  title: string;
  url: string;
  category: string;
  categorySlug: string;
  publishedAt: Date;
}

export const TEST_CATEGORIES = ['Politics', 'Economy', 'World', 'Sports', 'Culture'];

/**
 * Stores `count` articles straight into the database (with their URL identity keys, so events
 * may name them by URL), spread round-robin over the test categories, newest last.
 */
export async function insertArticles(
  db: Db,
  count: number,
  options: { publishedFrom?: Date; categories?: string[] } = {},
): Promise<TestArticle[]> {
  const categories = options.categories ?? TEST_CATEGORIES;
  const from = (options.publishedFrom ?? new Date(Date.now() - 3 * 86_400_000)).getTime();
  const articles = Array.from({ length: count }, (_, i): TestArticle => {
    const category = categories[i % categories.length] ?? 'World';
    return {
      id: randomUUID(),
      title: `Test story ${i + 1}`,
      url: `https://news.example/${randomUUID()}`,
      category,
      categorySlug: slugify(category),
      publishedAt: new Date(from + i * 60_000),
    };
  });
  if (articles.length === 0) return articles;
  await db
    .insertInto('articles')
    .values(
      articles.map((a) => ({
        id: a.id,
        source: 'test',
        url: a.url,
        canonical_url: a.url,
        title: a.title,
        tags: [],
        category: a.category,
        category_slug: a.categorySlug,
        published_at: a.publishedAt,
      })),
    )
    .execute();
  await db
    .insertInto('article_keys')
    .values(articles.map((a) => ({ key: `url:${a.url}`, article_id: a.id })))
    .execute();
  return articles;
}

/**
 * Sets the counting epoch dedup records are written under, backwards too (a worker only ever
 * moves it on): tests place records in the partition they need.
 */
export async function setCountingEpoch(db: Db, epochMs: number): Promise<void> {
  await sql`update counted_events_epoch set epoch = ${new Date(epochMs)}`.execute(db);
}
