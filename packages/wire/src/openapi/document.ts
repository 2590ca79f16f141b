import { components } from './components.ts';
import { articlePaths } from './paths/articles.ts';
import { eventPaths } from './paths/events.ts';
import { ingestPaths } from './paths/ingest.ts';
import { listPaths } from './paths/lists.ts';
import { operationPaths } from './paths/operations.ts';
import { sourcePaths } from './paths/sources.ts';
import { statsPaths } from './paths/stats.ts';
import { webPaths } from './paths/web.ts';
import type { Paths } from './types.ts';

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  tags: { name: string; description: string }[];
  paths: Paths;
  components: typeof components;
}

/** The API's OpenAPI 3.1 description; a test holds it to the routes the app really has. */
export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.1',
    info: {
      title: 'newsrank',
      version: '1',
      description:
        'News aggregation and ranking: feeds in, Popular and Access ranking lists out. Errors are always {"error": {"code", "message"}} ' +
        'with an x-request-id header, from every layer: a request target the HTTP parser refuses (a raw non-ASCII byte: `invalid_url`), ' +
        'a malformed percent-escape in the path (`invalid_path`), body errors (`invalid_json`, `payload_too_large`, `unsupported_media_type`), ' +
        'an unknown path (404 `not_found`). A path described here asked with a method it does not have is 405 `method_not_allowed` with an ' +
        'Allow header (HEAD wherever GET is, OPTIONS everywhere); OPTIONS on such a path answers 204 with the same Allow.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'ingest', description: 'posting feeds and articles (token required)' },
      { name: 'articles', description: 'stored articles' },
      { name: 'events', description: "page views from readers' browsers" },
      { name: 'lists', description: 'the access ranking, the popular and the trending lists, served from memory' },
      { name: 'operations', description: 'health, metrics, this document, the queue dashboard' },
      {
        name: 'sources',
        description: "feeds newsrank fetches itself: subscriptions, their health, OPML, WebSub (token required, except the hub's callback)",
      },
      { name: 'reader', description: 'the HTML pages readers open and the widget publishers embed' },
    ],
    paths: mergePaths(operationPaths, ingestPaths, sourcePaths, articlePaths, statsPaths, eventPaths, listPaths, webPaths),
    components,
  };
}

/** One path item per path: a second description of a path would silently replace the first. */
function mergePaths(...groups: Paths[]): Paths {
  const merged: Paths = {};
  for (const group of groups) {
    for (const [path, item] of Object.entries(group)) {
      if (merged[path]) throw new Error(`${path} is described twice`);
      merged[path] = item;
    }
  }
  return merged;
}
