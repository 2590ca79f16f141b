import { json, ref, type Paths } from '../types.ts';

export const eventPaths: Paths = {
  '/v1/events': {
    post: {
      operationId: 'postEvents',
      tags: ['events'],
      summary: 'Report page views',
      description:
        'Between 1 and 1000 view events, answered once the countable ones are durable. Any Content-Type is read as JSON (navigator.sendBeacon ' +
        'sends text/plain). Requests from a User-Agent a maintained bot list flags are answered 202 with every event filtered. CORS per CORS_ORIGINS.',
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: ref('schemas', 'EventsRequest') },
          'text/plain': { schema: ref('schemas', 'EventsRequest') },
        },
      },
      responses: {
        '202': json(ref('schemas', 'EventsVerdict'), 'how many were accepted and filtered, and which were rejected (also when all were)'),
        '400': ref('responses', 'BadRequest'),
        '413': ref('responses', 'PayloadTooLarge'),
        '429': ref('responses', 'TooManyRequests'),
        '503': ref('responses', 'QueueUnavailable'),
      },
    },
  },
  '/v1/hit': {
    get: {
      operationId: 'hit',
      tags: ['events'],
      summary: 'Count one view without JavaScript',
      description:
        'One view of the article named by id or URL, for pages that embed it as an image or link; bots are answered 204 without counting.',
      parameters: [
        {
          name: 'article',
          in: 'query',
          required: false,
          description: 'the article id (this or url is required)',
          schema: { type: 'string', format: 'uuid' },
        },
        { name: 'url', in: 'query', required: false, description: 'the article URL', schema: { type: 'string', format: 'uri' } },
      ],
      responses: {
        '204': { description: 'counted' },
        '400': ref('responses', 'BadRequest'),
        '404': ref('responses', 'NotFound'),
        '429': ref('responses', 'TooManyRequests'),
        '503': ref('responses', 'QueueUnavailable'),
      },
    },
  },
};
