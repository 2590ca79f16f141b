/**
 * The floor of the one-event path: what `POST /v1/events` could reach here if HTTP cost nothing
 * beyond Node's own server. A bare `node:http` handler (no Express, no middleware, no
 * validation beyond reading the ids) puts each request's view into the events queue through the
 * EventBatcher the API uses (same queue, prefix and job options, so the real ranking worker applies
 * them) and answers 202 only once the add returned, i.e. once Redis has it on disk. Prints its
 * port on stdout, like the constant app. Measurement only: it is not a way to run the service.
 *
 * Env: REDIS_URL, QUEUE_PREFIX.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createRedis, openQueue, type QueuedViewEvent } from '@newsrank/queue';
import { EVENT_BATCHER_OPTIONS, EventBatcher } from '@newsrank/events';

const { REDIS_URL, QUEUE_PREFIX } = process.env;
if (!REDIS_URL || !QUEUE_PREFIX) throw new Error('REDIS_URL and QUEUE_PREFIX are required');
const connection = createRedis({ url: REDIS_URL, clusterNodes: [] }, 'producer');
const queue = openQueue('events', { connection, prefix: QUEUE_PREFIX });
const batcher = new EventBatcher(queue, EVENT_BATCHER_OPTIONS);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const answer = (status: number, body: object) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    let events: QueuedViewEvent[];
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: { eventId: string; articleId: string }[] };
      const now = Date.now();
      events = body.events.map((event) => ({ eventId: event.eventId, articleId: event.articleId, occurredAt: now }));
    } catch {
      answer(400, { error: { code: 'invalid_body', message: 'expected {"events": [...]}' } });
      return;
    }
    batcher.add(events).then(
      () => answer(202, { accepted: events.length, filtered: 0, rejected: [] }),
      () => answer(503, { error: { code: 'queue_unavailable', message: 'the queue refused the add' } }),
    );
  });
});
// The producer connection queues nothing while offline (as in the API): listen once it is ready,
// or the warm-up's first requests would be refused.
if (connection.status !== 'ready') await once(connection, 'ready');
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => void connection.quit().then(() => process.exit(0))));
