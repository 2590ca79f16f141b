import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { CANDIDATE_ARTICLE_COLUMNS, candidateArticle, type CandidateRow, type ListCandidate } from './ranking-lists.ts';

/** An article with enough views in the recent window to be trending, and its views before. */
export interface TrendingCandidate extends Pick<
  ListCandidate,
  'articleId' | 'title' | 'url' | 'category' | 'categorySlug' | 'publishedAt'
> {
  /** Views in the recent window (its running total). */
  views: number;
  /** Views in the baseline hours, summed. */
  baselineViews: number;
}

type TrendingRow = Omit<CandidateRow, 'value'> & {
  views: string | number;
  baseline_views: string | number;
};

export interface TrendingQuery {
  /** The window whose running totals are the recent views (`1h`). */
  windowName: string;
  minViews: number;
  /** Start of each hour bucket the baseline sums. */
  baselineHours: readonly Date[];
}

/**
 * The statement behind the trending lists: every article with at least `minViews` in the window
 * (read off the top of the window's totals index, so the cost follows what is trending, not the
 * number of articles), with its views in the baseline hours. Those are looked up by
 * (hour, article) keys — the bucket table's primary key — or through an index leading with the
 * article where there is one: either way a fixed number of probes per candidate.
 */
export function trendingCandidatesQuery(query: TrendingQuery) {
  const hours = query.baselineHours.map((hour) => hour.toISOString());
  return sql<TrendingRow>`
    select ${CANDIDATE_ARTICLE_COLUMNS}, t.views, coalesce(b.views, 0) as baseline_views
    from article_window_views t
    join articles a on a.id = t.article_id
    cross join lateral (
      select sum(h.views) as views from article_views_hour h
      where h.bucket_start = any(${hours}::timestamptz[]) and h.article_id = t.article_id
    ) b
    where t.window_name = ${query.windowName} and t.views >= ${query.minViews}
  `;
}

export async function trendingCandidates(db: Db, query: TrendingQuery): Promise<TrendingCandidate[]> {
  const { rows } = await trendingCandidatesQuery(query).execute(db);
  return rows.map((row) => ({
    ...candidateArticle(row),
    views: Number(row.views),
    baselineViews: Number(row.baseline_views),
  }));
}
