import type { Request, Response } from 'express';
import type { ListStore, PublishedList } from '@newsrank/published-lists';
import { RANKING_WINDOWS, listKey, parseListKey, type ListKeyParts, type RankingWindow } from '@newsrank/ranking';
import type { ListDocument } from './send-list.ts';

export interface StreamFilter {
  window: RankingWindow | undefined;
  /** undefined: every category; null: only the site-wide lists. */
  category: string | null | undefined;
  kind: ListKeyParts['kind'] | undefined;
  /** Items of each list an event carries: the lists' own default size unless the client asks. */
  limit: number;
}

/** A list as the stream shows it; one never published has no version to name. */
type StreamedList = ListDocument & { key: string; publishedAtMs: number | null };

/** What a list that was never published shows: empty, as `GET` answers it. */
export type EmptyList = (parts: ListKeyParts) => ListDocument;

/** Keeps idle proxies from closing the stream and lets the server notice a vanished client. */
const HEARTBEAT_MS = 15_000;

function matches(list: StreamedList, filter: StreamFilter): boolean {
  const parts = parseListKey(list.key);
  if (!parts) return false;
  if (filter.kind && parts.kind !== filter.kind) return false;
  if (filter.window && (parts.kind !== 'ranking' || parts.window !== filter.window)) return false;
  return filter.category === undefined || parts.categorySlug === filter.category;
}

function event(list: StreamedList, limit: number): string {
  const parts = parseListKey(list.key);
  const data = {
    key: list.key,
    kind: parts?.kind,
    window: parts?.kind === 'ranking' ? parts.window : undefined,
    category: parts?.categorySlug ?? null,
    etag: list.etag,
    generatedAt: list.body.generatedAt,
    list: { ...list.body, items: list.body.items.slice(0, limit) },
  };
  const id = list.publishedAtMs === null ? '' : `id: ${list.publishedAtMs}\n`;
  return `event: list\n${id}data: ${JSON.stringify(data)}\n\n`;
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
  const shown: StreamedList[] = published.filter((list) => matches(list, filter));
  const keys = new Set(shown.map((list) => list.key));
  for (const parts of namedLists(filter)) {
    const key = listKey(parts);
    if (!keys.has(key)) shown.push({ key, publishedAtMs: null, ...empty(parts) });
  }
  return shown;
}

/**
 * Server-Sent Events: the matching lists as they are now, then one `list` event each time one
 * of them changes. Ends when the client leaves or the server shuts down.
 */
export function streamLists(req: Request, res: Response, store: ListStore, filter: StreamFilter, empty: EmptyList): void {
  // CORS headers set in front (CORS_ORIGINS) are kept: writeHead merges with them.
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  for (const list of currentLists(store.all(), filter, empty)) res.write(event(list, filter.limit));

  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  const unsubscribe = store.subscribe({
    onList: (list) => {
      if (matches(list, filter)) res.write(event(list, filter.limit));
    },
    onClose: () => res.end(),
  });
  // The response's close, not the request's: a request 'closes' once its (empty) body is read.
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
