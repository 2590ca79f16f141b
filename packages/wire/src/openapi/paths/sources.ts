import { SourceSlug } from '../../sources.ts';
import { json, ref, type Paths } from '../types.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: SourceSlug };
const token = [{ ingestToken: [] }];
const tooMany = { '429': ref('responses', 'TooManyRequests') };
const refusals = { '401': ref('responses', 'Unauthorized'), '404': ref('responses', 'NotFound'), ...tooMany };
const sourceAnswer = (description: string) => json(ref('schemas', 'Source'), description);

export const sourcePaths: Paths = {
  '/v1/sources': {
    post: {
      operationId: 'subscribeSource',
      tags: ['sources'],
      summary: 'Subscribe to a feed',
      description:
        'The first fetch is queued at once. The same URL again answers the existing source with 200. A host that is or resolves to a loopback, private, link-local or metadata address is refused (`refused_address`) unless FETCH_ALLOW_PRIVATE=true.',
      security: token,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('schemas', 'SubscribeRequest') } },
      },
      responses: {
        '201': sourceAnswer('subscribed; its first fetch is queued'),
        '200': sourceAnswer('the URL was subscribed already'),
        '400': ref('responses', 'BadRequest'),
        '401': ref('responses', 'Unauthorized'),
        '409': { ...ref('responses', 'BadRequest'), description: '`slug_taken`' },
        ...tooMany,
        '503': ref('responses', 'QueueUnavailable'),
      },
    },
    get: {
      operationId: 'listSources',
      tags: ['sources'],
      summary: 'Subscribed sources with their health',
      description: 'Every source, by slug.',
      security: token,
      responses: { '200': json(ref('schemas', 'SourceList'), 'the sources'), '401': ref('responses', 'Unauthorized'), ...tooMany },
    },
  },
  '/v1/sources.opml': {
    get: {
      operationId: 'exportSources',
      tags: ['sources'],
      summary: 'The sources as OPML',
      description: 'OPML 2.0, one folder per category.',
      security: token,
      responses: {
        '200': { description: 'the OPML document', content: { 'text/x-opml': { schema: { type: 'string' } } } },
        '401': ref('responses', 'Unauthorized'),
        ...tooMany,
      },
    },
  },
  '/v1/sources/opml': {
    post: {
      operationId: 'importSources',
      tags: ['sources'],
      summary: 'Subscribe to every feed of an OPML file',
      description:
        'Nested outlines; the nearest enclosing folder is the category. A URL subscribed already counts as existing; a refused one is reported and does not stop the others.',
      security: token,
      requestBody: {
        required: true,
        content: { 'text/x-opml': { schema: { type: 'string' } }, 'application/xml': { schema: { type: 'string' } } },
      },
      responses: {
        '200': json(ref('schemas', 'OpmlImport'), 'what was subscribed'),
        '400': ref('responses', 'BadRequest'),
        '401': ref('responses', 'Unauthorized'),
        ...tooMany,
        '503': ref('responses', 'QueueUnavailable'),
      },
    },
  },
  '/v1/sources/{slug}': {
    get: {
      operationId: 'getSource',
      tags: ['sources'],
      summary: 'One source',
      description: 'The source and its health.',
      security: token,
      parameters: [slug],
      responses: { '200': sourceAnswer('the source'), ...refusals },
    },
    patch: {
      operationId: 'changeSource',
      tags: ['sources'],
      summary: 'Pause, resume, or change interval or category',
      description: 'Only paused, interval and category can change.',
      security: token,
      parameters: [slug],
      requestBody: { required: true, content: { 'application/json': { schema: ref('schemas', 'SourcePatch') } } },
      responses: { '200': sourceAnswer('the source as changed'), '400': ref('responses', 'BadRequest'), ...refusals },
    },
    delete: {
      operationId: 'deleteSource',
      tags: ['sources'],
      summary: 'End a subscription',
      description: 'Its articles stay, filed under its slug.',
      security: token,
      parameters: [slug],
      responses: { '204': { description: 'deleted' }, ...refusals },
    },
  },
  '/v1/sources/{slug}/refresh': {
    post: {
      operationId: 'refreshSource',
      tags: ['sources'],
      summary: 'Fetch a source now',
      description:
        'Whatever its schedule, pause or health; a disabled source comes back by a refresh that succeeds. statusUrl is the source.',
      security: token,
      parameters: [slug],
      responses: {
        '202': json(ref('schemas', 'RefreshAccepted'), 'the fetch is queued'),
        ...refusals,
        '503': ref('responses', 'QueueUnavailable'),
      },
    },
  },
  '/v1/websub/{slug}': {
    get: {
      operationId: 'verifyWebSub',
      tags: ['sources'],
      summary: 'WebSub verification of intent',
      description: 'The hub asks whether the subscription is wanted; the challenge is echoed only for the topic and mode asked for.',
      parameters: [
        slug,
        ...['hub.mode', 'hub.topic', 'hub.challenge', 'hub.lease_seconds'].map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
      ],
      responses: {
        '200': { description: 'hub.challenge, echoed', content: { 'text/plain': { schema: { type: 'string' } } } },
        '404': ref('responses', 'NotFound'),
        ...tooMany,
      },
    },
    post: {
      operationId: 'pushWebSub',
      tags: ['sources'],
      summary: 'Content pushed by the hub',
      description:
        "Ingested at once, like a posted document, only when X-Hub-Signature (or X-Hub-Signature-256) is its HMAC with the subscription's secret.",
      parameters: [slug, { name: 'X-Hub-Signature', in: 'header', required: false, schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: { 'application/rss+xml': { schema: { type: 'string' } }, 'application/atom+xml': { schema: { type: 'string' } } },
      },
      responses: {
        '202': json(ref('schemas', 'IngestAccepted'), 'recorded and queued'),
        '400': ref('responses', 'BadRequest'),
        '403': { ...ref('responses', 'BadRequest'), description: '`invalid_signature`: unsigned or badly signed; nothing stored' },
        '404': ref('responses', 'NotFound'),
        ...tooMany,
        '503': ref('responses', 'QueueUnavailable'),
      },
    },
  },
  '/admin/sources': {
    get: {
      operationId: 'sourcesPage',
      tags: ['sources'],
      summary: 'The sources page',
      description:
        'HTML: every source with its health, forms to add one by URL and to import an OPML file. Ingest token as bearer or as the Basic password.',
      security: [{ ingestToken: [] }, { adminBasic: [] }],
      responses: {
        '200': { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': ref('responses', 'Unauthorized'),
      },
    },
    post: {
      operationId: 'sourcesPageSubscribe',
      tags: ['sources'],
      summary: "The page's form: subscribe",
      description:
        "Form fields url and category; answers the page with what happened. Refused (403 `cross_site_request`) from other sites' pages.",
      security: [{ ingestToken: [] }, { adminBasic: [] }],
      responses: {
        '201': { description: 'the page, subscribed', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': ref('responses', 'Unauthorized'),
      },
    },
  },
  '/admin/sources/opml': {
    post: {
      operationId: 'sourcesPageImport',
      tags: ['sources'],
      summary: "The page's form: import OPML",
      description: "Form field opml (the file's text); answers the page with what was added.",
      security: [{ ingestToken: [] }, { adminBasic: [] }],
      responses: {
        '200': { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': ref('responses', 'Unauthorized'),
      },
    },
  },
  '/admin/sources/{slug}/refresh': {
    post: {
      operationId: 'sourcesPageRefresh',
      tags: ['sources'],
      summary: "The page's button: fetch now",
      description: 'Queues a fetch and answers the page.',
      security: [{ ingestToken: [] }, { adminBasic: [] }],
      parameters: [slug],
      responses: {
        '202': { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
        '401': ref('responses', 'Unauthorized'),
      },
    },
  },
};
