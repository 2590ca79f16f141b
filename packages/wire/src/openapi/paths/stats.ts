import { STATS_WINDOWS } from '../../stats.ts';
import { json, ref, type Paths } from '../types.ts';

const security: Record<string, string[]>[] = [{ ingestToken: [] }, { adminBasic: [] }];
const statsWindow = {
  name: 'window',
  in: 'query',
  required: false,
  description: 'the hours of the access ranking of the same window',
  schema: { type: 'string', enum: STATS_WINDOWS, default: '24h' },
};
const refusals = {
  '400': json(ref('schemas', 'Error'), '`invalid_parameter`'),
  '401': ref('responses', 'Unauthorized'),
  '429': ref('responses', 'TooManyRequests'),
};

export const statsPaths: Paths = {
  '/v1/articles/{id}/stats': {
    get: {
      operationId: 'getArticleStats',
      tags: ['stats'],
      summary: "One article's readers",
      description:
        'Views, distinct visitors, mean engaged seconds per visitor, hourly (24h, 7d) or daily (30d) series, referrer classes and hosts, ' +
        'campaigns, and the best and current rank in the site-wide access ranking of the window. Read from hourly rows and visitor sets only.',
      security,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, statsWindow],
      responses: { '200': json(ref('schemas', 'ArticleStats'), 'the stats'), '404': ref('responses', 'NotFound'), ...refusals },
    },
  },
  '/v1/stats': {
    get: {
      operationId: 'getSiteStats',
      tags: ['stats'],
      summary: 'The whole site’s readers',
      description:
        'Views and visitors over time, mean engaged seconds per visitor, referrer classes and hosts, for every article together.',
      security,
      parameters: [statsWindow],
      responses: { '200': json(ref('schemas', 'SiteStats'), 'the stats'), ...refusals },
    },
  },
  '/v1/stats.csv': {
    get: {
      operationId: 'exportStats',
      tags: ['stats'],
      summary: 'Daily stats as CSV',
      description:
        'One row per article per UTC day with views: `date,id,title,category,views,visitors,engaged_seconds` (engaged_seconds: mean per visitor). ' +
        'Streamed as it is read. from and to are UTC days, both included (default the last 7 days), at most 31 days apart.',
      security,
      parameters: [
        { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
        ref('parameters', 'category'),
      ],
      responses: {
        '200': { description: 'the rows', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...refusals,
      },
    },
  },
};
