import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.ts';

/** An article in the running for a list, with its rank in the site-wide and in its category's list. */
export interface ListCandidate {
  articleId: string;
  title: string;
  url: string | null;
  category: string | null;
  categorySlug: string | null;
  publishedAt: Date | null;
  /** Views in the window, or the popularity accumulator. */
  value: number;
  siteRank: number;
  categoryRank: number;
}

export type CandidateRow = {
  article_id: string;
  title: string;
  url: string | null;
  category: string | null;
  category_slug: string | null;
  published_at: Date | null;
  value: number;
};

/** The article columns every list's candidates carry, from `articles a`. */
export const CANDIDATE_ARTICLE_COLUMNS = sql`a.id::text as article_id, a.title, a.url, a.category, a.category_slug, a.published_at`;

/** A candidate's article, as CANDIDATE_ARTICLE_COLUMNS read it. */
export function candidateArticle(row: Omit<CandidateRow, 'value'>) {
  return {
    articleId: row.article_id,
    title: row.title,
    url: row.url,
    category: row.category,
    categorySlug: row.category_slug,
    publishedAt: row.published_at,
  };
}

/**
 * Rows of the site-wide cut rank in it (1…perList) and not in a category; rows of a category's
 * cut the other way round. An article in both cuts comes twice, once for each list.
 */
function candidates(rows: CandidateRow[], perList: number, scope: 'site' | 'category'): ListCandidate[] {
  return rows.map((row, index) => ({
    ...candidateArticle(row),
    value: Number(row.value),
    siteRank: scope === 'site' ? index + 1 : perList + 1,
    categoryRank: scope === 'category' ? 1 : perList + 1,
  }));
}

/**
 * Every distinct category of a table, by skipping through an index that leads with the category
 * (`filter` narrows it to one window): a few index probes per category, never a scan.
 */
function categoriesOf(table: 'article_window_views' | 'article_popularity', filter: RawBuilder<unknown>) {
  return sql`
    with recursive categories(slug) as (
      (select category_slug from ${sql.table(table)} where ${filter} and category_slug is not null order by category_slug limit 1)
      union all
      select (select t.category_slug from ${sql.table(table)} t where ${filter} and t.category_slug > c.slug order by t.category_slug limit 1)
      from categories c where c.slug is not null
    )
    select slug from categories where slug is not null
  `;
}

/**
 * The top `perList` articles site-wide and in every category by views in one window, read from
 * the running totals (window-totals.ts) in index order: the cost is the lists' length times the
 * number of categories, whatever the number of articles or views behind them. Ties go to the
 * newer publication, then the smaller id — the order rankEntries applies.
 */
export async function topArticlesInWindow(db: Db, windowName: string, perList: number): Promise<ListCandidate[]> {
  return runListQueries(db, windowListQueries(windowName, perList), perList);
}

/** The two statements behind one window's lists (site-wide, then every category), kept apart so their plans can be checked. */
export function windowListQueries(windowName: string, perList: number): ListQueries {
  return {
    site: sql<CandidateRow>`
      select ${CANDIDATE_ARTICLE_COLUMNS}, t.views as value
      from article_window_views t join articles a on a.id = t.article_id
      where t.window_name = ${windowName}
      order by t.views desc, t.published_sort desc, t.article_id
      limit ${perList}
    `,
    categories: sql<CandidateRow>`
      select ${CANDIDATE_ARTICLE_COLUMNS}, top.views as value
      from (${categoriesOf('article_window_views', sql`window_name = ${windowName}`)}) c
      cross join lateral (
        select t.article_id, t.views from article_window_views t
        where t.window_name = ${windowName} and t.category_slug = c.slug
        order by t.views desc, t.published_sort desc, t.article_id
        limit ${perList}
      ) top
      join articles a on a.id = top.article_id
    `,
  };
}

export interface ListQueries {
  site: RawBuilder<CandidateRow>;
  categories: RawBuilder<CandidateRow>;
}

async function runListQueries(db: Db, queries: ListQueries, perList: number): Promise<ListCandidate[]> {
  const [site, categories] = await Promise.all([queries.site.execute(db), queries.categories.execute(db)]);
  return [...candidates(site.rows, perList, 'site'), ...candidates(categories.rows, perList, 'category')];
}

/**
 * The same cuts by forward-decay accumulator, in index order. Accumulators below
 * `minAccumulator` (views so old their score is negligible) are left out.
 */
export async function topArticlesByPopularity(db: Db, minAccumulator: number, perList: number): Promise<ListCandidate[]> {
  return runListQueries(db, popularityListQueries(minAccumulator, perList), perList);
}

/** The two statements behind the popular lists (site-wide, then every category). */
export function popularityListQueries(minAccumulator: number, perList: number): ListQueries {
  return {
    site: sql<CandidateRow>`
      select ${CANDIDATE_ARTICLE_COLUMNS}, p.accumulator as value
      from article_popularity p join articles a on a.id = p.article_id
      where p.accumulator >= ${minAccumulator}::float8
      order by p.accumulator desc, a.published_sort desc, a.id
      limit ${perList}
    `,
    categories: sql<CandidateRow>`
      select ${CANDIDATE_ARTICLE_COLUMNS}, top.accumulator as value
      from (${categoriesOf('article_popularity', sql`true`)}) c
      cross join lateral (
        select p.article_id, p.accumulator from article_popularity p
        where p.category_slug = c.slug and p.accumulator >= ${minAccumulator}::float8
        order by p.accumulator desc, p.published_sort desc, p.article_id
        limit ${perList}
      ) top
      join articles a on a.id = top.article_id
    `,
  };
}
