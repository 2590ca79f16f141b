import { nullable, ref, type Schema } from './types.ts';

const isoTime = (description: string): Schema => ({ type: 'string', format: 'date-time', description });
const uuid: Schema = { type: 'string', format: 'uuid' };
const rejection: Schema = {
  type: 'object',
  required: ['index', 'reason'],
  properties: { index: { type: 'integer', minimum: 0 }, reason: { type: 'string' } },
};
const check: Schema = { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' }, error: { type: 'string' } } };

const articleFields = ['guid', 'url', 'title', 'summary', 'contentHtml', 'author', 'category', 'dateline', 'imageUrl', 'imageCaption', 'language'];

export const schemas: Record<string, Schema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', examples: ['not_found', 'rate_limited'] }, message: { type: 'string' } },
      },
    },
  },
  Article: {
    type: 'object',
    required: ['id', 'source', 'title', 'tags', 'ingestedAt'],
    properties: {
      id: uuid,
      source: { type: 'string' },
      guid: nullable('string'),
      url: nullable('string', { format: 'uri' }),
      title: { type: 'string' },
      summary: nullable('string', { description: 'plain text' }),
      contentHtml: nullable('string', { description: 'sanitized HTML: no script, style, iframe, event handlers or javascript:/data: URLs' }),
      author: nullable('string'),
      category: nullable('string'),
      categorySlug: nullable('string'),
      tags: { type: 'array', items: { type: 'string' } },
      dateline: nullable('string'),
      imageUrl: nullable('string', { format: 'uri' }),
      imageCaption: nullable('string'),
      language: nullable('string'),
      publishedAt: nullable('string', { format: 'date-time' }),
      timeZone: nullable('string', {
        description: 'the zone the source printed publishedAt in: an IANA zone (Asia/Tokyo) or a fixed offset (+09:00); null when it printed none or UTC',
        examples: ['Asia/Tokyo', '+09:00'],
      }),
      updatedAt: nullable('string', { format: 'date-time' }),
      ingestedAt: isoTime('when newsrank first stored the article'),
    },
  },
  ArticlePage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: ref('schemas', 'Article') }, nextCursor: nullable('string', { description: 'null on the last page' }) },
  },
  Category: {
    type: 'object',
    required: ['slug', 'name', 'articles'],
    properties: { slug: { type: 'string' }, name: { type: 'string' }, articles: { type: 'integer', minimum: 0 } },
  },
  ArticleInput: {
    type: 'object',
    required: ['title'],
    properties: {
      ...Object.fromEntries(articleFields.map((field) => [field, nullable('string')])),
      tags: nullable('array', { items: { type: 'string' } }),
      publishedAt: { type: ['string', 'number', 'null'], description: 'a date in any common form, or epoch seconds' },
      updatedAt: { type: ['string', 'number', 'null'] },
    },
  },
  ArticlesRequest: {
    type: 'object',
    required: ['articles'],
    properties: { articles: { type: 'array', minItems: 1, maxItems: 1000, items: ref('schemas', 'ArticleInput') } },
  },
  IngestAccepted: {
    type: 'object',
    required: ['jobId', 'statusUrl'],
    properties: { jobId: uuid, statusUrl: { type: 'string', examples: ['/v1/ingest-jobs/3f7c2a4e-8b7d-4c1e-9a2b-1234567890ab'] } },
  },
  IngestJob: {
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id: uuid,
      status: { type: 'string', enum: ['queued', 'active', 'completed', 'failed'] },
      source: { type: 'string' },
      format: nullable('string'),
      receivedAt: isoTime('when the document was accepted'),
      finishedAt: nullable('string', { format: 'date-time' }),
      result: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['inserted', 'updated', 'duplicates', 'articles', 'rejected'],
            properties: {
              inserted: { type: 'integer' },
              updated: { type: 'integer' },
              duplicates: { type: 'integer' },
              articles: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'outcome'],
                  properties: {
                    id: uuid,
                    guid: nullable('string'),
                    url: nullable('string'),
                    outcome: { type: 'string', enum: ['inserted', 'updated', 'duplicate'] },
                    index: { type: 'integer', description: "the item's position in the document" },
                    warnings: { type: 'array', items: { type: 'string' }, description: 'what was noticed reading this item: a derived title, a date that cannot be true…' },
                  },
                },
              },
              rejected: { type: 'array', items: rejection },
              warnings: { type: 'array', items: { type: 'string' } },
            },
          },
        ],
      },
      error: nullable('string'),
    },
  },
  EventsRequest: {
    type: 'object',
    required: ['events'],
    properties: {
      events: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['type'],
          description: 'names its article by articleId or by url',
          properties: {
            type: { const: 'view' },
            articleId: uuid,
            url: { type: 'string', format: 'uri' },
            occurredAt: isoTime('with a zone; defaults to now; at most a minute ahead, no older than the longest window'),
            eventId: { type: 'string', minLength: 1, maxLength: 128, description: 'an eventId seen before is not counted again' },
            visitorId: { type: 'string', maxLength: 256 },
          },
        },
      },
    },
  },
  EventsVerdict: {
    type: 'object',
    required: ['accepted', 'filtered', 'rejected'],
    properties: {
      accepted: { type: 'integer', minimum: 0 },
      filtered: { type: 'integer', minimum: 0, description: 'events of a request whose User-Agent is a known bot' },
      rejected: { type: 'array', items: rejection },
    },
  },
  ListArticle: {
    type: 'object',
    required: ['id', 'title'],
    properties: { id: uuid, title: { type: 'string' }, url: nullable('string'), category: nullable('string'), publishedAt: nullable('string', { format: 'date-time' }) },
  },
  RankingList: {
    type: 'object',
    required: ['window', 'category', 'generatedAt', 'items'],
    properties: {
      window: { type: 'string', enum: ['1h', '24h', '7d', '30d'] },
      category: nullable('string'),
      generatedAt: nullable('string', { format: 'date-time', description: 'null for a list never published' }),
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['rank', 'previousRank', 'views', 'article'],
          properties: { rank: { type: 'integer' }, previousRank: nullable('integer'), views: { type: 'integer' }, article: ref('schemas', 'ListArticle') },
        },
      },
    },
  },
  PopularList: {
    type: 'object',
    required: ['category', 'halfLife', 'generatedAt', 'items'],
    properties: {
      category: nullable('string'),
      halfLife: { type: 'string', examples: ['6h'] },
      generatedAt: nullable('string', { format: 'date-time' }),
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['rank', 'score', 'article'],
          properties: { rank: { type: 'integer' }, previousRank: nullable('integer'), score: { type: 'number' }, article: ref('schemas', 'ListArticle') },
        },
      },
    },
  },
  Health: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
  Readiness: {
    type: 'object',
    required: ['status', 'checks'],
    properties: {
      status: { type: 'string', enum: ['ready', 'unavailable'] },
      checks: { type: 'object', required: ['postgres', 'redis', 'migrations'], properties: { postgres: check, redis: check, migrations: check } },
    },
  },
};
