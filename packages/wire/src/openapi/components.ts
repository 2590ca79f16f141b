import * as wire from '../index.ts';
import { componentSchemas } from './component-schemas.ts';
import { json, ref, type Schema } from './types.ts';

const error = (description: string, headers?: Schema) => ({
  ...json(ref('schemas', 'Error'), description),
  ...(headers ? { headers } : {}),
});
const integerHeader = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } });

const rateLimitHeaders = {
  'RateLimit-Limit': integerHeader('requests allowed per window'),
  'RateLimit-Remaining': integerHeader('requests left in the current window'),
  'RateLimit-Reset': integerHeader('seconds until the window resets'),
};

const query = (name: string, description: string, schema: Schema, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

export const components = {
  schemas: componentSchemas({
    Error: wire.ErrorBody,
    Article: wire.Article,
    ArticlePage: wire.ArticlePage,
    Category: wire.Category,
    ArticleInput: wire.ArticleInput,
    ArticlesRequest: wire.ArticlesRequest,
    IngestAccepted: wire.IngestAccepted,
    IngestJob: wire.IngestJob,
    IngestReport: wire.IngestReport,
    Rejection: wire.Rejection,
    EventsRequest: wire.EventsRequest,
    EventsVerdict: wire.EventsVerdict,
    ListArticle: wire.ListArticle,
    RankingList: wire.RankingList,
    PopularList: wire.PopularList,
    TrendingList: wire.TrendingList,
    Health: wire.Health,
    Readiness: wire.Readiness,
    Source: wire.Source,
    SourceList: wire.SourceList,
    SubscribeRequest: wire.SubscribeRequest,
    SourcePatch: wire.SourcePatch,
    OpmlImport: wire.OpmlImport,
    RefreshAccepted: wire.RefreshAccepted,
    ArticleStats: wire.ArticleStats,
    SiteStats: wire.SiteStats,
  }),
  securitySchemes: {
    ingestToken: { type: 'http', scheme: 'bearer', description: 'one of INGEST_TOKENS' },
    adminBasic: { type: 'http', scheme: 'basic', description: 'any user name, an ingest token as password (lets a browser sign in)' },
  },
  parameters: {
    category: query('category', 'a category slug or name; all or none for every category', { type: 'string' }),
    listLimit: query('limit', 'items to return', { type: 'integer', minimum: 1, maximum: 100, default: 10 }),
    at: query('at', 'the list as it was published at this moment (history of RANKING_HISTORY_DAYS)', {
      type: 'string',
      format: 'date-time',
    }),
    window: query('window', 'the ranking window', { type: 'string', enum: wire.RANKING_WINDOWS, default: '24h' }),
    source: query('source', 'source slug; defaults to the feed site host', wire.SourceSlug),
    ifNoneMatch: {
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'an ETag this client holds',
      schema: { type: 'string' },
    },
  },
  responses: {
    BadRequest: error('the request is malformed; the message says how'),
    Unauthorized: error('no or an invalid token', { 'WWW-Authenticate': { description: 'the scheme to use', schema: { type: 'string' } } }),
    NotFound: error('no such resource'),
    MethodNotAllowed: error('`method_not_allowed`: the path exists, not with this method', {
      Allow: { description: 'the methods the path has', schema: { type: 'string' } },
    }),
    PayloadTooLarge: error('the body is larger than allowed'),
    UnsupportedMediaType: error('`unsupported_media_type`: a body of a type this endpoint cannot read, declared or found in its bytes'),
    TooManyRequests: error('rate limited: too many requests from this address in the current minute', {
      'Retry-After': integerHeader('seconds until requests are accepted again'),
      ...rateLimitHeaders,
    }),
    QueueUnavailable: error(
      'a dependency is unreachable — the queue (`queue_unavailable`) or PostgreSQL (`database_unavailable`); nothing was accepted',
      { 'Retry-After': integerHeader('seconds to wait before retrying') },
    ),
    NotModified: { description: 'the list is unchanged since the ETag the client sent' },
  },
};
