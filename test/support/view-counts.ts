import type { Db } from '@newsrank/db';

/** Views counted per article in one bucket table, summed over its buckets. */
export async function viewsPerArticle(
  db: Db,
  table: 'article_views_hour' | 'article_views_minute' = 'article_views_hour',
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(table)
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((row) => [row.article_id, Number(row.views)]));
}

export const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

/** How many views of each article a list of sent events holds. */
export function tally(articleIds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of articleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
