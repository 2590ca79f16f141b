import { parseWindow, type RankingWindow } from './windows.ts';

/** Stands for "no category filter" in a key; a category may therefore not be slugged `all`. */
export const ALL_CATEGORIES = 'all';

export type ListKeyParts =
  | { kind: 'ranking'; window: RankingWindow; categorySlug: string | null }
  | { kind: 'popular'; categorySlug: string | null }
  | { kind: 'trending'; categorySlug: string | null };

/**
 * The slug is percent-encoded so that any slug (Unicode, or one holding ':') yields a key with
 * exactly the expected number of ':' separators, while plain ASCII slugs stay readable.
 */
function categoryPart(categorySlug: string | null): string {
  if (categorySlug === null) return ALL_CATEGORIES;
  if (categorySlug === '' || categorySlug === ALL_CATEGORIES) {
    throw new RangeError(`category slug ${JSON.stringify(categorySlug)} is reserved or empty; use null for all`);
  }
  return encodeURIComponent(categorySlug);
}

/** `ranking:24h:all`, `ranking:1h:politics`. */
export function rankingListKey(window: RankingWindow, categorySlug: string | null): string {
  return `ranking:${window}:${categoryPart(categorySlug)}`;
}

/** `popular:all`, `popular:politics`. */
export function popularListKey(categorySlug: string | null): string {
  return `popular:${categoryPart(categorySlug)}`;
}

/** `trending:all`, `trending:politics`. */
export function trendingListKey(categorySlug: string | null): string {
  return `trending:${categoryPart(categorySlug)}`;
}

export function listKey(parts: ListKeyParts): string {
  if (parts.kind === 'ranking') return rankingListKey(parts.window, parts.categorySlug);
  return parts.kind === 'popular' ? popularListKey(parts.categorySlug) : trendingListKey(parts.categorySlug);
}

function parseCategory(part: string): string | null | undefined {
  if (part === ALL_CATEGORIES) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/**
 * Reads a key back; null for anything that is not exactly what the builders produce (unknown
 * kind or window, `pol%69tics` for `politics`, a spelled-out `%61ll`), so one list never answers
 * to two keys.
 */
export function parseListKey(key: string): ListKeyParts | null {
  const segments = key.split(':');
  let parts: ListKeyParts | null = null;
  if (segments[0] === 'ranking' && segments.length === 3) {
    const window = parseWindow(segments[1]);
    const categorySlug = parseCategory(segments[2] ?? '');
    if (window !== null && categorySlug !== undefined) parts = { kind: 'ranking', window, categorySlug };
  } else if ((segments[0] === 'popular' || segments[0] === 'trending') && segments.length === 2) {
    const categorySlug = parseCategory(segments[1] ?? '');
    if (categorySlug !== undefined) parts = { kind: segments[0], categorySlug };
  }
  if (parts === null) return null;
  try {
    return listKey(parts) === key ? parts : null;
  } catch {
    return null;
  }
}
