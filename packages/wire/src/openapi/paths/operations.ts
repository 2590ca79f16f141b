import { json, ref, type Paths } from '../types.ts';

export const operationPaths: Paths = {
  '/healthz': {
    get: {
      operationId: 'health',
      tags: ['operations'],
      summary: 'Liveness',
      description: 'Answers 200 while the process runs; touches neither PostgreSQL nor Redis.',
      responses: { '200': json(ref('schemas', 'Health'), 'alive') },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readiness',
      tags: ['operations'],
      summary: 'Readiness',
      description: 'PostgreSQL and Redis answer within two seconds and the database migrations are current; 503 names the failing check.',
      responses: {
        '200': json(ref('schemas', 'Readiness'), 'ready to serve'),
        '503': json(ref('schemas', 'Readiness'), 'a dependency is unavailable'),
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics',
      description:
        'Prometheus text: HTTP latency by route pattern, events received by this replica, queue depth and oldest-waiting age, ' +
        'ingest outcomes, views applied and list publish lag. Queue and worker series are deployment-wide (the same on every replica). ' +
        'Not authenticated: keep it off the public load balancer.',
      responses: { '200': { description: 'metrics', content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } } },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openApi',
      tags: ['operations'],
      summary: 'This description',
      description: 'The OpenAPI 3.1 document describing every endpoint of this API.',
      responses: { '200': json({ type: 'object' }, 'the OpenAPI document') },
    },
  },
  '/admin/queues': {
    get: {
      operationId: 'queueDashboard',
      tags: ['operations'],
      summary: 'Queue dashboard',
      description:
        'A read-only bull-board dashboard of the ingest, events and ranking queues (an HTML application with its own assets and JSON ' +
        'calls under this path). Takes an ingest token as a bearer token, or as the password of HTTP Basic authentication so a browser can sign in. ' +
        "Its JSON calls fail in the API's error shape: `queue_not_found`, and `read_only` (403) for any change.",
      security: [{ ingestToken: [] }, { adminBasic: [] }],
      responses: {
        '200': { description: 'the dashboard', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': ref('responses', 'Unauthorized'),
      },
    },
  },
};
