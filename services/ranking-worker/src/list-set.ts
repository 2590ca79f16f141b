import type { ListCandidate } from '@newsrank/db';
import { PUBLISHED_LIST_LENGTH, parseListKey, type ListArticle, type ListEntryInput, type PublishedList } from '@newsrank/ranking';

/** The category a list is for; null is the site-wide list. */
export type ListScope = string | null;

/** A category slug that can name a list (`all` stands for the site-wide list in keys). */
export const isListableCategory = (slug: string | null): slug is string => slug !== null && slug !== '' && slug !== 'all';

/** An article row as a list shows it. */
export const toListArticle = (candidate: Pick<ListCandidate, 'articleId' | 'title' | 'url' | 'category' | 'publishedAt'>): ListArticle => ({
  id: candidate.articleId,
  title: candidate.title,
  url: candidate.url,
  category: candidate.category,
  publishedAt: candidate.publishedAt ? candidate.publishedAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
});

const toEntry = (candidate: ListCandidate, visitors: ReadonlyMap<string, number> | undefined): ListEntryInput => ({
  value: candidate.value,
  ...(visitors ? { visitors: visitors.get(candidate.articleId) ?? 0 } : {}),
  article: toListArticle(candidate),
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

/**
 * A category whose views all left the window has no rows any more, but its published list must
 * still be replaced by an empty one: every scope published before stays in the set.
 */
export function withFormerScopes<E>(
  scopes: Map<ListScope, E[]>,
  previous: Map<string, PublishedList>,
  matches: (parts: NonNullable<ReturnType<typeof parseListKey>>) => boolean,
): Map<ListScope, E[]> {
  for (const key of previous.keys()) {
    const parts = parseListKey(key);
    if (parts && matches(parts) && !scopes.has(parts.categorySlug)) scopes.set(parts.categorySlug, []);
  }
  return scopes;
}
