import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** An article in the running for a list, with the two ranks the list query computes for it. */
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

type CandidateRow = {
  article_id: string; title: string; url: string | null; category: string | null; category_slug: string | null;
  published_at: Date | null; value: number; site_rank: number; category_rank: number;
};

const toCandidate = (row: CandidateRow): ListCandidate => ({
  articleId: row.article_id,
  title: row.title,
  url: row.url,
  category: row.category,
  categorySlug: row.category_slug,
  publishedAt: row.published_at,
  value: Number(row.value),
  siteRank: Number(row.site_rank),
  categoryRank: Number(row.category_rank),
});

/**
 * The top `perList` articles site-wide and in every category, by views in buckets
 * [from, to) of one resolution. Ties go to the newer publication, then the smaller id — the
 * order rankEntries applies, so the cut at `perList` agrees with the published order.
 */
export async function topArticlesByViews(db: Db, resolution: 'minute' | 'hour', from: Date, to: Date, perList: number): Promise<ListCandidate[]> {
  const table = resolution === 'minute' ? 'article_views_minute' : 'article_views_hour';
  const result = await sql<CandidateRow>`
    with counts as (
      select article_id, sum(views)::bigint as value
      from ${sql.table(table)}
      where bucket_start >= ${from} and bucket_start < ${to}
      group by article_id
    ),
    ranked as (
      select a.id::text as article_id, a.title, a.url, a.category, a.category_slug, a.published_at, c.value,
        row_number() over (order by c.value desc, a.published_sort desc, a.id) as site_rank,
        row_number() over (partition by a.category_slug order by c.value desc, a.published_sort desc, a.id) as category_rank
      from counts c join articles a on a.id = c.article_id
    )
    select * from ranked where site_rank <= ${perList} or (category_slug is not null and category_rank <= ${perList})
  `.execute(db);
  return result.rows.map(toCandidate);
}

/**
 * The same cut by forward-decay accumulator. Accumulators below `minAccumulator` (views so old
 * their score is negligible) are skipped, which keeps the scan to recently viewed articles.
 */
export async function topArticlesByPopularity(db: Db, minAccumulator: number, perList: number): Promise<ListCandidate[]> {
  const result = await sql<CandidateRow>`
    with ranked as (
      select a.id::text as article_id, a.title, a.url, a.category, a.category_slug, a.published_at, p.accumulator as value,
        row_number() over (order by p.accumulator desc, a.published_sort desc, a.id) as site_rank,
        row_number() over (partition by a.category_slug order by p.accumulator desc, a.published_sort desc, a.id) as category_rank
      from article_popularity p join articles a on a.id = p.article_id
      where p.accumulator >= ${minAccumulator}::float8
    )
    select * from ranked where site_rank <= ${perList} or (category_slug is not null and category_rank <= ${perList})
  `.execute(db);
  return result.rows.map(toCandidate);
}
