import { formatDuration, listEtag, type ListKeyParts } from '@newsrank/ranking';
import type { PopularList, RankingList, TrendingList } from '@newsrank/wire';

/** A list as the API answers it: published, or never published and empty. */
export type ListDocument = { etag: string; body: RankingList | PopularList | TrendingList };

/**
 * What a list never published (a category without views, an unknown category) answers: empty,
 * generated never, with the ETag of that body.
 */
export function emptyList(parts: ListKeyParts, halfLifeMs: number): ListDocument {
  const body = emptyBody(parts, halfLifeMs);
  return { etag: listEtag(body), body };
}

function emptyBody(parts: ListKeyParts, halfLifeMs: number): ListDocument['body'] {
  if (parts.kind === 'ranking') return { window: parts.window, category: parts.categorySlug, generatedAt: null, items: [] };
  if (parts.kind === 'popular') return { category: parts.categorySlug, halfLife: formatDuration(halfLifeMs), generatedAt: null, items: [] };
  return { category: parts.categorySlug, generatedAt: null, items: [] };
}
