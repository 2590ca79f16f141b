import { trendingCandidates, type Db, type TrendingCandidate } from '@newsrank/db';
import {
  TRENDING_RECENT_WINDOW,
  buildTrendingList,
  trendingBaselineHours,
  trendingListKey,
  type PublishedList,
  type TrendingEntryInput,
} from '@newsrank/ranking';
import { isListableCategory, toListArticle, withFormerScopes, type ListScope } from './list-set.ts';

/**
 * The trending lists, site-wide and per category, as of `generatedAtMs` (the window totals must
 * already be advanced to it): one entry per list, null for a list that would show what it shows.
 */
export async function computeTrendingLists(
  db: Db,
  minViews: number,
  generatedAtMs: number,
  previous: Map<string, PublishedList>,
): Promise<(PublishedList | null)[]> {
  const candidates = await trendingCandidates(db, {
    windowName: TRENDING_RECENT_WINDOW,
    minViews,
    baselineHours: trendingBaselineHours(generatedAtMs),
  });
  const scopes = withFormerScopes(trendingEntriesByScope(candidates), previous, (parts) => parts.kind === 'trending');
  return [...scopes].map(([scope, entries]) => {
    const key = trendingListKey(scope);
    return buildTrendingList({ key, generatedAtMs, previous: previous.get(key) ?? null }, { categorySlug: scope }, entries);
  });
}

/** Every candidate is in the running for the site-wide list and for its category's. */
function trendingEntriesByScope(candidates: readonly TrendingCandidate[]): Map<ListScope, TrendingEntryInput[]> {
  const scopes = new Map<ListScope, TrendingEntryInput[]>([[null, []]]);
  for (const candidate of candidates) {
    const entry = { article: toListArticle(candidate), views: candidate.views, baselineViews: candidate.baselineViews };
    scopes.get(null)?.push(entry);
    if (!isListableCategory(candidate.categorySlug)) continue;
    const inCategory = scopes.get(candidate.categorySlug);
    if (inCategory) inCategory.push(entry);
    else scopes.set(candidate.categorySlug, [entry]);
  }
  return scopes;
}
