import { RANKING_WINDOWS, listKey, parseListKey, type ListKeyParts, type PublishedList, type RankingWindow } from '@newsrank/ranking';
import type { ListDocument } from './empty-lists.ts';

/** Which lists a stream of list changes carries, and how many items of each. */
export interface StreamFilter {
  window: RankingWindow | undefined;
  /** undefined: every category; null: only the site-wide lists. */
  category: string | null | undefined;
  kind: ListKeyParts['kind'] | undefined;
  /** Items of each list an event carries: the lists' own default size unless the client asks. */
  limit: number;
}

/** A list as the stream shows it; one never published has no version to name. */
export type StreamedList = ListDocument & { key: string; publishedAtMs: number | null };

/** The data of the stream's `list` event: which list it is, and its first `limit` items. */
export function streamedListEvent(list: StreamedList, limit: number) {
  const parts = parseListKey(list.key);
  return {
    key: list.key,
    kind: parts?.kind,
    window: parts?.kind === 'ranking' ? parts.window : undefined,
    category: parts?.categorySlug ?? null,
    etag: list.etag,
    generatedAt: list.body.generatedAt,
    list: { ...list.body, items: list.body.items.slice(0, limit) },
  };
}

/** What a list that was never published shows: empty, as `GET` answers it. */
export type EmptyList = (parts: ListKeyParts) => ListDocument;

export function matchesStreamFilter(list: StreamedList, filter: StreamFilter): boolean {
  const parts = parseListKey(list.key);
  if (!parts) return false;
  if (filter.kind && parts.kind !== filter.kind) return false;
  if (filter.window && (parts.kind !== 'ranking' || parts.window !== filter.window)) return false;
  return filter.category === undefined || parts.categorySlug === filter.category;
}

/**
 * The lists a filter is sure to cover, so that each is shown even before its first publication.
 * Over every category those are the site-wide lists: other categories come and go with articles.
 */
export function namedLists(filter: Pick<StreamFilter, 'window' | 'category' | 'kind'>): ListKeyParts[] {
  const category = filter.category ?? null;
  const ranking: ListKeyParts[] = (filter.window ? [filter.window] : RANKING_WINDOWS).map((window) => ({
    kind: 'ranking',
    window,
    categorySlug: category,
  }));
  const popular: ListKeyParts[] = [{ kind: 'popular', categorySlug: category }];
  const trending: ListKeyParts[] = [{ kind: 'trending', categorySlug: category }];
  if (filter.window || filter.kind === 'ranking') return ranking;
  if (filter.kind === 'popular') return popular;
  return filter.kind === 'trending' ? trending : [...ranking, ...popular, ...trending];
}

/** What the stream opens with: every matching published list, and the named ones not yet published, empty. */
export function currentLists(published: readonly PublishedList[], filter: StreamFilter, empty: EmptyList): StreamedList[] {
  const shown: StreamedList[] = published.filter((list) => matchesStreamFilter(list, filter));
  const keys = new Set(shown.map((list) => list.key));
  for (const parts of namedLists(filter)) {
    const key = listKey(parts);
    if (!keys.has(key)) shown.push({ key, publishedAtMs: null, ...empty(parts) });
  }
  return shown;
}
