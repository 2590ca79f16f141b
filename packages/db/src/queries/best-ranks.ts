import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface ReachedRank {
  articleId: string;
  windowName: string;
  rank: number;
  reachedAt: Date;
}

/** Keeps, per article and window, the best (lowest) rank any published site-wide ranking gave it. */
export async function recordReachedRanks(db: Db, rows: readonly ReachedRank[]): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) =>
    a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.windowName < b.windowName ? -1 : 1,
  );
  await sql`
    insert into article_best_ranks as b (article_id, window_name, best_rank, reached_at)
    select article_id, window_name, best_rank, reached_at from unnest(
      ${sorted.map((r) => r.articleId)}::uuid[], ${sorted.map((r) => r.windowName)}::text[],
      ${sorted.map((r) => r.rank)}::int[], ${sorted.map((r) => r.reachedAt.toISOString())}::timestamptz[]
    ) with ordinality as v(article_id, window_name, best_rank, reached_at, position)
    order by position
    on conflict (article_id, window_name) do update set best_rank = excluded.best_rank, reached_at = excluded.reached_at
    where excluded.best_rank < b.best_rank
  `.execute(db);
}
