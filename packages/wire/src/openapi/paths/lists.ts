import { RANKING_WINDOWS } from '../../lists.ts';
import { json, ref, type Paths } from '../types.ts';

const listResponses = (schema: 'RankingList' | 'PopularList' | 'TrendingList') => ({
  '200': {
    ...json(ref('schemas', schema), 'the list as last published (empty, generatedAt null, if never published)'),
    headers: {
      ETag: { description: 'changes only when the published list changes', schema: { type: 'string' } },
      'Cache-Control': { schema: { type: 'string' } },
    },
  },
  '304': ref('responses', 'NotModified'),
  '400': ref('responses', 'BadRequest'),
  '404': ref('responses', 'NotFound'),
  '429': ref('responses', 'TooManyRequests'),
});

export const listPaths: Paths = {
  '/v1/ranking': {
    get: {
      operationId: 'getRanking',
      tags: ['lists'],
      summary: 'Access ranking',
      description:
        'Articles by counted views inside the window, site-wide or per category, served from memory. previousRank is the rank in the list ' +
        'published before; ties go to the newer article. With at=, the list as it was then (404 if none was published by then within the history).',
      parameters: [
        ref('parameters', 'window'),
        ref('parameters', 'category'),
        ref('parameters', 'listLimit'),
        ref('parameters', 'at'),
        ref('parameters', 'ifNoneMatch'),
      ],
      responses: listResponses('RankingList'),
    },
  },
  '/v1/popular': {
    get: {
      operationId: 'getPopular',
      tags: ['lists'],
      summary: 'Popular articles',
      description:
        'Articles by time-decayed views: each view weighs 2^-(age / POPULARITY_HALF_LIFE). Served from memory; at= as for the ranking.',
      parameters: [
        ref('parameters', 'category'),
        ref('parameters', 'listLimit'),
        ref('parameters', 'at'),
        ref('parameters', 'ifNoneMatch'),
      ],
      responses: listResponses('PopularList'),
    },
  },
  '/v1/trending': {
    get: {
      operationId: 'getTrending',
      tags: ['lists'],
      summary: 'Trending articles',
      description:
        'Articles rising above their own baseline: with r the views in the last hour and e the views per hour in the 24 hours before, ' +
        'score = (r − e) / sqrt(e + 1); only articles with r ≥ TRENDING_MIN_VIEWS and a positive score. Served from memory; at= as for the ranking.',
      parameters: [
        ref('parameters', 'category'),
        ref('parameters', 'listLimit'),
        ref('parameters', 'at'),
        ref('parameters', 'ifNoneMatch'),
      ],
      responses: listResponses('TrendingList'),
    },
  },
  '/v1/ranking/stream': {
    get: {
      operationId: 'streamLists',
      tags: ['lists'],
      summary: 'List changes as Server-Sent Events',
      description:
        'First the matching lists as they are (the site-wide ones, or the ones the filters name, empty if never published), then a `list` ' +
        'event each time one changes: {key, kind, window, category, etag, generatedAt, list}, the list cut to limit items (by default ' +
        'the size GET /v1/ranking, /v1/popular and /v1/trending answer with).',
      parameters: [
        {
          name: 'window',
          in: 'query',
          required: false,
          description: 'only the access ranking of this window',
          schema: { type: 'string', enum: RANKING_WINDOWS },
        },
        { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: ['ranking', 'popular', 'trending'] } },
        ref('parameters', 'category'),
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'items of each list an event carries',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        },
      ],
      responses: {
        '200': { description: 'an endless event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        '400': ref('responses', 'BadRequest'),
        '429': ref('responses', 'TooManyRequests'),
        '503': {
          ...json(ref('schemas', 'Error'), '`too_many_streams`: this server process already holds SSE_MAX_CLIENTS streams'),
          headers: {
            'Retry-After': { description: 'seconds to wait before opening the stream again', schema: { type: 'integer', minimum: 0 } },
          },
        },
      },
    },
  },
};
