import type { ListCandidate } from '@newsrank/db';
import { PUBLISHED_LIST_LENGTH, type ListEntryInput } from '@newsrank/ranking';

/** The category a list is for; null is the site-wide list. */
export type ListScope = string | null;

/** A category slug that can name a list (`all` stands for the site-wide list in keys). */
export const isListableCategory = (slug: string | null): slug is string => slug !== null && slug !== '' && slug !== 'all';

const toEntry = (candidate: ListCandidate, visitors: ReadonlyMap<string, number> | undefined): ListEntryInput => ({
  value: candidate.value,
  ...(visitors ? { visitors: visitors.get(candidate.articleId) ?? 0 } : {}),
  article: {
    id: candidate.articleId,
    title: candidate.title,
    url: candidate.url,
    category: candidate.category,
    publishedAt: candidate.publishedAt ? candidate.publishedAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
  },
});

/**
 * Splits the rows of one list query into the site-wide list and one list per category, each
 * holding the candidates the query ranked within that list's cut.
 */
export function entriesByScope(
  candidates: readonly ListCandidate[],
  visitors?: ReadonlyMap<string, number>,
): Map<ListScope, ListEntryInput[]> {
  const scopes = new Map<ListScope, ListEntryInput[]>([[null, []]]);
  const add = (scope: ListScope, entry: ListEntryInput) => {
    const entries = scopes.get(scope);
    if (entries) entries.push(entry);
    else scopes.set(scope, [entry]);
  };
  for (const candidate of candidates) {
    const entry = toEntry(candidate, visitors);
    if (candidate.siteRank <= PUBLISHED_LIST_LENGTH) add(null, entry);
    if (isListableCategory(candidate.categorySlug) && candidate.categoryRank <= PUBLISHED_LIST_LENGTH) add(candidate.categorySlug, entry);
  }
  return scopes;
}
