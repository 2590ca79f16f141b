import type { Request, Response } from 'express';
import {
  currentLists,
  matchesStreamFilter,
  streamedListEvent,
  type EmptyList,
  type ListStore,
  type StreamFilter,
  type StreamedList,
} from '@newsrank/published-lists';

/** Keeps idle proxies from closing the stream and lets the server notice a vanished client. */
const HEARTBEAT_MS = 15_000;

function event(list: StreamedList, limit: number): string {
  const id = list.publishedAtMs === null ? '' : `id: ${list.publishedAtMs}\n`;
  return `event: list\n${id}data: ${JSON.stringify(streamedListEvent(list, limit))}\n\n`;
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
