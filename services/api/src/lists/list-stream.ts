import type { Request, Response } from 'express';
import { parseListKey, type PublishedList, type RankingWindow } from '@newsrank/ranking';
import type { ListStore } from './list-store.ts';

export interface StreamFilter {
  window: RankingWindow | undefined;
  /** undefined: every category; null: only the site-wide lists. */
  category: string | null | undefined;
  kind: 'ranking' | 'popular' | undefined;
  /** Items to include in each event; 0 sends only what changed, not the list itself. */
  limit: number;
}

/** Keeps idle proxies from closing the stream and lets the server notice a vanished client. */
const HEARTBEAT_MS = 15_000;

function matches(list: PublishedList, filter: StreamFilter): boolean {
  const parts = parseListKey(list.key);
  if (!parts) return false;
  if (filter.kind && parts.kind !== filter.kind) return false;
  if (filter.window && (parts.kind !== 'ranking' || parts.window !== filter.window)) return false;
  return filter.category === undefined || parts.categorySlug === filter.category;
}

function event(list: PublishedList, limit: number): string {
  const parts = parseListKey(list.key);
  const data = {
    key: list.key,
    kind: parts?.kind,
    window: parts?.kind === 'ranking' ? parts.window : undefined,
    category: parts?.categorySlug ?? null,
    etag: list.etag,
    generatedAt: list.body.generatedAt,
    ...(limit > 0 ? { list: { ...list.body, items: list.body.items.slice(0, limit) } } : {}),
  };
  return `event: list\nid: ${list.publishedAtMs}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Server-Sent Events: the matching lists as they are now, then one `list` event each time one
 * of them changes. Ends when the client leaves or the server shuts down.
 */
export function streamLists(req: Request, res: Response, store: ListStore, filter: StreamFilter): void {
  // CORS headers set in front (CORS_ORIGINS) are kept: writeHead merges with them.
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  for (const list of store.all()) if (matches(list, filter)) res.write(event(list, filter.limit));

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
