import { rankingListKey } from '@newsrank/ranking';
import type { StatsWindow } from '@newsrank/wire';
import type { ListStore } from './list-store.ts';

/** An article's rank in the site-wide access ranking of a window as published now, or null when it is not in it. */
export function currentRank(lists: Pick<ListStore, 'get'>, window: StatsWindow, articleId: string): number | null {
  const list = lists.get(rankingListKey(window, null));
  return list?.body.items.find((item) => item.article.id === articleId)?.rank ?? null;
}
