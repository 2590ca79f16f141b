import { apiBase, getJson } from '../api-client.ts';
import type { Column } from '../table.ts';
import type { PopularList } from '@newsrank/wire';
import { articleColumns, checkCategory, checkLimit, renderList } from './list-view.ts';

type PopularItem = PopularList['items'][number];

const COLUMNS: Column<PopularItem>[] = [
  { header: 'rank', align: 'right', cell: (item) => String(item.rank) },
  { header: 'score', align: 'right', cell: (item) => item.score.toFixed(2) },
  ...articleColumns<PopularItem>(),
];

/** Prints the Popular list (views weighed by age) a running API serves, as a table. */
export async function popularCommand(options: {
  category?: string | undefined;
  limit: string;
  apiUrl?: string | undefined;
}): Promise<number> {
  const limit = checkLimit(options.limit);
  const base = apiBase(options.apiUrl);
  await checkCategory(base, options.category);
  const query = new URLSearchParams({ limit });
  if (options.category) query.set('category', options.category);
  const answer = await getJson<PopularList>(base, `/v1/popular?${query}`);
  process.stdout.write(renderList(`popular, half-life ${answer.halfLife}`, answer, COLUMNS));
  return 0;
}
