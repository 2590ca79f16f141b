import { STATS_WINDOWS } from '../../stats.ts';
import { ref, type Paths } from '../types.ts';

const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const script = (description: string) => ({ description, content: { 'text/javascript': { schema: { type: 'string' } } } });
const adminSecurity: Record<string, string[]>[] = [{ ingestToken: [] }, { adminBasic: [] }];
const statsWindowParameter = {
  name: 'window',
  in: 'query',
  required: false,
  description: 'the period of the figures and charts (the top and trending boxes are always the last 24 hours and the last hour)',
  schema: { type: 'string', enum: STATS_WINDOWS, default: '24h' },
};
const windowParameter = {
  name: 'window',
  in: 'query',
  required: false,
  description: 'the Access ranking tab shown without JavaScript',
  schema: { type: 'string', enum: ['1h', '24h', '7d'], default: '24h' },
};

/** The reader pages and the widget, described beside the JSON API they are built on. */
export const webPaths: Paths = {
  '/': {
    get: {
      operationId: 'frontPage',
      tags: ['reader'],
      summary: 'The front page',
      description:
        'Server-rendered HTML: the latest articles, the Popular box with a tab per category and the Access ranking box with 1h/24h/7d tabs, ' +
        'rank numbers and movement. Works without JavaScript; with it, tabs switch in place and the boxes follow /v1/ranking/stream.',
      parameters: [
        windowParameter,
        {
          name: 'category',
          in: 'query',
          required: false,
          description: 'the Popular tab shown without JavaScript',
          schema: { type: 'string' },
        },
      ],
      responses: { '200': htmlPage('the page') },
    },
  },
  '/articles/{id}': {
    get: {
      operationId: 'articlePage',
      tags: ['reader'],
      summary: 'An article as a reader sees it',
      description:
        "Title, photo caption, time in the source's zone (and the reader's, by script), dateline, the sanitized body and category, with the " +
        "category's Popular box and the Access ranking beside it. The page's script counts one view per page load through /v1/events.",
      parameters: [
        { name: 'id', in: 'path', required: true, description: 'the article id', schema: { type: 'string', format: 'uuid' } },
        windowParameter,
      ],
      responses: { '200': htmlPage('the page'), '404': htmlPage('no such article') },
    },
  },
  '/assets/{name}': {
    get: {
      operationId: 'pageAsset',
      tags: ['reader'],
      summary: "The reader page's stylesheet and script",
      description: 'newsrank.css and newsrank.js, with an ETag; cached for a year when requested with the ?v= content hash the pages link.',
      parameters: [
        {
          name: 'name',
          in: 'path',
          required: true,
          description: 'the file',
          schema: { type: 'string', enum: ['newsrank.css', 'newsrank.js'] },
        },
        { name: 'v', in: 'query', required: false, description: 'content hash', schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'the file',
          content: { 'text/css': { schema: { type: 'string' } }, 'text/javascript': { schema: { type: 'string' } } },
        },
        '304': { description: 'unchanged (If-None-Match)' },
        '404': { description: 'no such asset' },
      },
    },
  },
  '/widget.js': {
    get: {
      operationId: 'widgetScript',
      tags: ['reader'],
      summary: 'The embeddable box',
      description:
        'A script publishers add to their pages: data-box (ranking|popular), data-window, data-category, data-limit, data-report-view (the page view and its engaged time), data-visitor-id. ' +
        'Renders the live list in a shadow root styled by --newsrank-* custom properties. Any origin may load it; cached five minutes.',
      responses: { '200': script('the script'), '304': { description: 'unchanged (If-None-Match)' } },
    },
  },
  '/dashboard': {
    get: {
      operationId: 'dashboardPage',
      tags: ['reader'],
      summary: 'The newsroom dashboard',
      description:
        'HTML: the top articles (access ranking, 24h) and the trending articles, each with a sparkline of its hourly views over the last ' +
        'day; views and visitors over time, engaged time, the referrer split and the top referring sites. Ingest token as bearer or ' +
        'as the Basic password (a browser asks for it). The boxes follow /v1/ranking/stream; the rest refreshes every 30 s.',
      security: adminSecurity,
      parameters: [statsWindowParameter],
      responses: { '200': htmlPage('the page'), '401': ref('responses', 'Unauthorized') },
    },
  },
  '/dashboard/articles/{id}': {
    get: {
      operationId: 'dashboardArticlePage',
      tags: ['reader'],
      summary: "One article's readers",
      description:
        'HTML: views and visitors over time, engaged time per visitor, the referrer split and referring sites, campaigns (utm_*), ' +
        'the rank now and the best rank in the period.',
      security: adminSecurity,
      parameters: [
        { name: 'id', in: 'path', required: true, description: 'the article id', schema: { type: 'string', format: 'uuid' } },
        statsWindowParameter,
      ],
      responses: {
        '200': htmlPage('the page'),
        '401': ref('responses', 'Unauthorized'),
        '404': htmlPage('no such article'),
      },
    },
  },
};
