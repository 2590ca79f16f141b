import { request, type ClientRequest } from 'node:http';
import { BROWSER_UA } from './load.ts';

/** How an EventSource would come back after losing the stream (the server also sends `retry: 2000`). */
const RECONNECT_MS = 2_000;

interface Client {
  events: number;
  lastEventAt: number;
  request?: ClientRequest;
}

export interface SseTally {
  clients: number;
  /** `list` events received by all clients together. */
  events: number;
  /** Streams that ended or failed while they should have stayed open, and connections refused. */
  disconnects: number;
  refused: number;
  /** Clients whose last event came at or after `since`. */
  receivingSince(since: number): number;
  /** Events per client: fewest and most. */
  fewest: number;
  most: number;
}

export interface SseClients {
  tally(): SseTally;
  close(): void;
}

/**
 * Holds `count` Server-Sent Events streams open, each on a socket of its own as browsers' would
 * be, counting the `list` events each receives. A stream that ends is counted and opened again.
 */
export async function holdStreams(url: string, count: number): Promise<SseClients> {
  const clients: Client[] = Array.from({ length: count }, () => ({ events: 0, lastEventAt: 0 }));
  let disconnects = 0;
  let refused = 0;
  let closing = false;

  const connect = (client: Client) =>
    new Promise<void>((resolve) => {
      let buffered = '';
      let ended = false;
      const lost = () => {
        if (ended) return;
        ended = true;
        resolve();
        if (closing) return;
        disconnects++;
        setTimeout(() => void connect(client), RECONNECT_MS);
      };
      const req = request(url, { agent: false, headers: { accept: 'text/event-stream', 'user-agent': BROWSER_UA } }, (res) => {
        if (res.statusCode !== 200) {
          refused++;
          res.resume();
          lost();
          return;
        }
        resolve();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          const blocks = buffered.split('\n\n');
          buffered = blocks.pop() ?? '';
          for (const block of blocks)
            if (block.startsWith('event: list\n')) {
              client.events++;
              client.lastEventAt = performance.now();
            }
        });
        res.on('end', lost);
        res.on('error', lost);
        res.on('close', lost);
      });
      req.on('error', lost);
      req.end();
      client.request = req;
    });

  // In groups, so the API's accept queue does not overflow with hundreds of connections at once.
  for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((client) => connect(client)));

  return {
    tally() {
      const events = clients.map((client) => client.events);
      return {
        clients: clients.length,
        events: events.reduce((sum, n) => sum + n, 0),
        disconnects,
        refused,
        receivingSince: (since) => clients.filter((client) => client.lastEventAt >= since).length,
        fewest: Math.min(...events),
        most: Math.max(...events),
      };
    },
    close() {
      closing = true;
      for (const client of clients) client.request?.destroy();
    },
  };
}
