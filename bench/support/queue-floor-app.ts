/**
 * The floor of the one-event path: an app whose handler makes only the one durable write. It puts
 * each request's view into the events queue through the EventBatcher the API uses (same queue,
 * prefix and job options, so the real ranking worker applies them) and answers 202 only once the
 * add returned, i.e. once Redis has it on disk. No validation beyond reading the ids, no article
 * lookup, no middleware. Two shapes (FLOOR_SHAPE):
 *
 * - `express`: an Express 5 app with the JSON body parser, the shape of the API and of the
 *   constant app. What the API is measured against: the difference is the API's own work.
 * - `bare`: a `node:http` handler, no framework. A diagnosis: what the queueing path allows if
 *   HTTP cost nothing beyond Node's own server.
 *
 * Prints its port on stdout, like the constant app. Measurement only: it is not a way to run the
 * service. Env: REDIS_URL, QUEUE_PREFIX, FLOOR_SHAPE (default `express`).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { createRedis, openQueue, type QueuedViewEvent } from '@newsrank/queue';
import { EVENT_BATCHER_OPTIONS, EventBatcher } from '@newsrank/events';

const { REDIS_URL, QUEUE_PREFIX, FLOOR_SHAPE = 'express' } = process.env;
if (!REDIS_URL || !QUEUE_PREFIX) throw new Error('REDIS_URL and QUEUE_PREFIX are required');
if (FLOOR_SHAPE !== 'express' && FLOOR_SHAPE !== 'bare') throw new Error('FLOOR_SHAPE is express or bare');
const connection = createRedis({ url: REDIS_URL, clusterNodes: [] }, 'producer');
const queue = openQueue('events', { connection, prefix: QUEUE_PREFIX });
const batcher = new EventBatcher(queue, EVENT_BATCHER_OPTIONS);

type Answer = (status: number, body: object) => void;

/** The one durable write, then 202; a body without events is a 400. */
function queueViews(body: unknown, answer: Answer): void {
  let events: QueuedViewEvent[];
  try {
    const now = Date.now();
    events = (body as { events: { eventId: string; articleId: string }[] }).events.map((event) => ({
      eventId: event.eventId,
      articleId: event.articleId,
      occurredAt: now,
    }));
  } catch {
    answer(400, { error: { code: 'invalid_body', message: 'expected {"events": [...]}' } });
    return;
  }
  batcher.add(events).then(
    () => answer(202, { accepted: events.length, filtered: 0, rejected: [] }),
    () => answer(503, { error: { code: 'queue_unavailable', message: 'the queue refused the add' } }),
  );
}

function expressFloor(): Server {
  const app = express();
  app.disable('x-powered-by');
  app.post('/', express.json({ limit: 1024 * 1024, type: () => true }), (req, res) => {
    queueViews(req.body, (status, body) => res.status(status).json(body));
  });
  return createServer(app);
}

function bareFloor(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer: Answer = (status, body) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      queueViews(body, answer);
    });
  });
}

const server = FLOOR_SHAPE === 'express' ? expressFloor() : bareFloor();
// The producer connection queues nothing while offline (as in the API): listen once it is ready,
// or the warm-up's first requests would be refused.
if (connection.status !== 'ready') await once(connection, 'ready');
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => void connection.quit().then(() => process.exit(0))));
