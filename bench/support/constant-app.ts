/**
 * The baseline the API's HTTP figures are measured against: a bare Express 5 app, one route
 * each way, no middleware beyond the JSON body parser. `GET /` answers a constant 2 KiB JSON
 * document (serialised per request, as an ordinary Express handler does); `POST /` parses the
 * JSON body and answers 202 with a small constant document. Prints its port on stdout.
 */
import express from 'express';

const item = (i: number) => ({
  rank: i + 1,
  previousRank: i + 1,
  views: 1000 - i,
  article: {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `A constant story number ${i}`,
    url: `https://news.example/a/${i}`,
    category: 'World',
    publishedAt: '2025-01-13T09:42:00Z',
  },
});
const document = {
  window: '24h',
  category: null,
  generatedAt: '2025-01-13T09:42:00Z',
  items: Array.from({ length: 9 }, (_, i) => item(i)),
};
const padding = 2048 - JSON.stringify({ ...document, note: '' }).length;
const constant = { ...document, note: 'x'.repeat(Math.max(0, padding)) };

const app = express();
app.get('/', (_req, res) => {
  res.json(constant);
});
app.post('/', express.json({ limit: 1024 * 1024, type: () => true }), (req, res) => {
  const events = (req.body as { events?: unknown[] } | undefined)?.events;
  res.status(202).json({ accepted: Array.isArray(events) ? events.length : 0, filtered: 0, rejected: [] });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, bytes: JSON.stringify(constant).length })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
