import { apiBase, getJson } from '../api-client.ts';
import type { Column } from '../table.ts';
import type { RankingList } from '@newsrank/wire';
import { articleColumns, checkCategory, checkLimit, renderList } from './list-view.ts';

type RankingItem = RankingList['items'][number];

const COLUMNS: Column<RankingItem>[] = [
  { header: 'rank', align: 'right', cell: (item) => String(item.rank) },
  { header: 'prev', align: 'right', cell: (item) => (item.previousRank === null ? 'new' : String(item.previousRank)) },
  { header: 'views', align: 'right', cell: (item) => String(item.views) },
  ...articleColumns<RankingItem>(),
];

/** Prints the access ranking a running API serves, as a table. */
export async function rankingCommand(options: {
  window: string;
  category?: string | undefined;
  limit: string;
  apiUrl?: string | undefined;
}): Promise<number> {
  const limit = checkLimit(options.limit);
  const base = apiBase(options.apiUrl);
  await checkCategory(base, options.category);
  const query = new URLSearchParams({ window: options.window, limit });
  if (options.category) query.set('category', options.category);
  const answer = await getJson<RankingList>(base, `/v1/ranking?${query}`);
  process.stdout.write(renderList(`access ranking, last ${answer.window}`, answer, COLUMNS));
  return 0;
}
