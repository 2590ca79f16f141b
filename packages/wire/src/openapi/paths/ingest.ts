import { json, ref, type Paths } from '../types.ts';

const accepted = json(ref('schemas', 'IngestAccepted'), 'recorded in PostgreSQL and queued; poll statusUrl for the outcome');

/** What both document endpoints (`POST /v1/feeds`, `POST /v1/articles`) refuse, and why: one route chain behind them. */
export const ingestRefusals = {
  '400': ref('responses', 'BadRequest'),
  '401': ref('responses', 'Unauthorized'),
  '413': ref('responses', 'PayloadTooLarge'),
  '415': ref('responses', 'UnsupportedMediaType'),
  '429': ref('responses', 'TooManyRequests'),
  '503': ref('responses', 'QueueUnavailable'),
};
const document = { type: 'string', description: 'the document, read as raw bytes' };

export const ingestPaths: Paths = {
  '/v1/feeds': {
    post: {
      operationId: 'postFeed',
      tags: ['ingest'],
      summary: 'Ingest a feed or article page',
      description:
        'One document: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1, an HTML article page or a plain-text article. ' +
        'The format is sniffed from the body; Content-Type and its charset are hints. Parsed at once, recorded and queued before the answer.',
      security: [{ ingestToken: [] }],
      parameters: [ref('parameters', 'source')],
      requestBody: {
        required: true,
        content: Object.fromEntries(
          [
            'application/rss+xml',
            'application/atom+xml',
            'application/xml',
            'application/feed+json',
            'application/json',
            'text/html',
            'text/plain',
            'application/octet-stream',
          ].map((type) => [type, { schema: document }]),
        ),
      },
      responses: {
        '202': accepted,
        ...ingestRefusals,
      },
    },
  },
  '/v1/ingest-jobs/{jobId}': {
    get: {
      operationId: 'getIngestJob',
      tags: ['ingest'],
      summary: 'Outcome of a posted document',
      description:
        'Status of an ingest job and, once it completed, what happened to each article (inserted, updated, duplicate) and which items were rejected.',
      parameters: [{ name: 'jobId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': json(ref('schemas', 'IngestJob'), 'the job'),
        '404': ref('responses', 'NotFound'),
        '429': ref('responses', 'TooManyRequests'),
      },
    },
  },
};
