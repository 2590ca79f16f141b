import { json, ref, type Paths } from '../types.ts';
import { ingestRefusals } from './ingest.ts';

export const articlePaths: Paths = {
  '/v1/articles': {
    get: {
      operationId: 'listArticles',
      tags: ['articles'],
      summary: 'Latest articles',
      description:
        'Newest publishedAt first (then ingestedAt, then id; undated last), a page at a time; follow nextCursor for the next page. ' +
        'The cursor carries the query it belongs to (category, source, since, limit): cursor= alone continues that listing. ' +
        'A filter given with a cursor must be the one the cursor was made for (else 400 cursor_mismatch); limit may change the page size.',
      parameters: [
        ref('parameters', 'category'),
        { name: 'source', in: 'query', required: false, schema: { type: 'string' } },
        {
          name: 'since',
          in: 'query',
          required: false,
          description: 'only articles published at or after',
          schema: { type: 'string', format: 'date-time' },
        },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        {
          name: 'cursor',
          in: 'query',
          required: false,
          description: "nextCursor of the previous page; opaque, and carries that page's filters and limit",
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': json(ref('schemas', 'ArticlePage'), 'one page'),
        '400': json(
          ref('schemas', 'Error'),
          "`invalid_parameter`, `invalid_cursor` (not a cursor this server issued) or `cursor_mismatch` (filters other than the cursor's)",
        ),
        '429': ref('responses', 'TooManyRequests'),
      },
    },
    post: {
      operationId: 'postArticles',
      tags: ['ingest'],
      summary: 'Ingest articles as native JSON',
      description:
        "Up to 1000 articles in newsrank's own JSON shape; each needs a title, and a bad article is rejected alone. Answers like POST /v1/feeds.",
      security: [{ ingestToken: [] }],
      parameters: [ref('parameters', 'source')],
      requestBody: { required: true, content: { 'application/json': { schema: ref('schemas', 'ArticlesRequest') } } },
      responses: {
        '202': json(ref('schemas', 'IngestAccepted'), 'recorded and queued'),
        ...ingestRefusals,
      },
    },
  },
  '/v1/articles/{id}': {
    get: {
      operationId: 'getArticle',
      tags: ['articles'],
      summary: 'One article',
      description: 'The stored article; 404 for an id that does not exist, malformed or not.',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': json(ref('schemas', 'Article'), 'the article'),
        '404': ref('responses', 'NotFound'),
        '429': ref('responses', 'TooManyRequests'),
      },
    },
  },
  '/v1/categories': {
    get: {
      operationId: 'listCategories',
      tags: ['articles'],
      summary: 'Categories',
      description: 'Every category with at least one article, by slug, with its display name and article count.',
      responses: {
        '200': json({ type: 'array', items: ref('schemas', 'Category') }, 'the categories'),
        '429': ref('responses', 'TooManyRequests'),
      },
    },
  },
};
