import { createHash } from 'node:crypto';

export type RankInput = {
  articleId: string;
  /** Views in the window for the access ranking, the decayed score (or accumulator) for popular. */
  value: number;
  publishedAt: Date | string | null;
};

export type Ranked<T> = T & { rank: number };

function publishedMs(p: Date | string | null): number | null {
  if (p === null) return null;
  const ms = typeof p === 'string' ? Date.parse(p) : p.getTime();
  return Number.isFinite(ms) ? ms : null;
}

// Code-unit order rather than localeCompare: identical on every machine and Node build.
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The public order: highest value first; on a tie the newer publishedAt (unknown dates last), then
 * the smaller id, so every replica publishes the same list from the same numbers. Extra fields on
 * the entries are carried through. A NaN value sorts last rather than corrupting the sort.
 */
export function rankEntries<T extends RankInput>(entries: readonly T[], limit: number): Ranked<T>[] {
  const keyed = entries.map((entry) => ({
    entry,
    value: Number.isNaN(entry.value) ? Number.NEGATIVE_INFINITY : entry.value,
    published: publishedMs(entry.publishedAt),
  }));
  keyed.sort((a, b) => {
    if (a.value !== b.value) return b.value > a.value ? 1 : -1;
    if (a.published !== b.published) {
      if (a.published === null) return 1;
      if (b.published === null) return -1;
      return b.published - a.published;
    }
    return compareIds(a.entry.articleId, b.entry.articleId);
  });
  const count = Math.max(0, Math.floor(limit));
  return keyed.slice(0, count).map(({ entry }, i) => ({ ...entry, rank: i + 1 }));
}

/**
 * Adds the rank each article held in the list published before this one, null when it was not in
 * it (or when there was no previous list), which is what the "new" / "up" / "down" markers need.
 */
export function withPreviousRanks<T extends { articleId: string; rank: number }>(
  current: readonly T[],
  previous: readonly { articleId: string; rank: number }[] | null,
): (T & { previousRank: number | null })[] {
  const before = new Map((previous ?? []).map((p) => [p.articleId, p.rank] as const));
  return current.map((entry) => ({ ...entry, previousRank: before.get(entry.articleId) ?? null }));
}

/**
 * JSON with object keys sorted at every depth, so two payloads with the same content serialize
 * to the same bytes whatever order their properties were built in. Follows JSON.stringify for
 * everything else: toJSON (Dates become ISO strings), undefined members dropped, NaN as null.
 */
function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort(compareIds)
      .flatMap((k) => {
        const v = (value as Record<string, unknown>)[k];
        return v === undefined || typeof v === 'function' ? [] : [`${JSON.stringify(k)}:${canonicalJson(v)}`];
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A strong ETag for a published list: a hash of its content, so it changes exactly when what a
 * client would see changes. A top-level `generatedAt` is left out of the hash, because republishing
 * an unchanged list must not turn every cached copy (and every If-None-Match) stale.
 */
export function listEtag(listPayload: Readonly<Record<string, unknown>>): string {
  const { generatedAt: _ignored, ...content } = listPayload;
  const digest = createHash('sha256').update(canonicalJson(content)).digest('base64url');
  return `"${digest}"`;
}
