import type { Request, Response } from 'express';
import {
  currentLists,
  matchesStreamFilter,
  type EmptyList,
  type ListStore,
  type StreamFilter,
  type StreamedList,
} from '@newsrank/published-lists';
import { parseListKey } from '@newsrank/ranking';

/** Keeps idle proxies from closing the stream and lets the server notice a vanished client. */
const HEARTBEAT_MS = 15_000;

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
      if (matchesStreamFilter(list, filter)) res.write(event(list, filter.limit));
    },
    onClose: () => res.end(),
  });
  // The response's close, not the request's: a request 'closes' once its (empty) body is read.
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
