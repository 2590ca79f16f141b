import type { Express } from 'express';

/** A (method, path) the app answers, the path written as OpenAPI writes it (`/v1/articles/{id}`). */
export interface AppRoute {
  method: string;
  path: string;
}

// The shapes of Express 5's router (router 2.x) that this walk reads.
interface RouteShape {
  path: unknown;
  methods: Record<string, boolean>;
}
interface LayerShape {
  rawPath?: unknown;
  route?: RouteShape;
  handle: unknown;
}

const isRouter = (handle: unknown): handle is { stack: LayerShape[] } => Array.isArray((handle as { stack?: unknown } | null)?.stack);
// Express's own test for "this is an application" (express/lib/application.js, app.use).
const isApplication = (handle: unknown) =>
  typeof (handle as { handle?: unknown }).handle === 'function' && typeof (handle as { set?: unknown }).set === 'function';

/**
 * Every route of the app, found by walking its router: routes, routers mounted in it, and
 * applications mounted whole (the queue dashboard), which count as one GET of their mount path.
 * Plain middleware is not a route. A path syntax without an OpenAPI equivalent (wildcards,
 * regular expressions) is an error, so that nobody adds one without deciding how to describe it.
 */
export function listAppRoutes(app: Express): AppRoute[] {
  const root = (app as unknown as { router: unknown }).router;
  if (!isRouter(root)) throw new Error('the app has no router to walk');
  return walk(root.stack, '');
}

function walk(stack: LayerShape[], prefix: string): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((method) => layer.route?.methods[method]);
      for (const path of paths(layer.route.path)) for (const method of methods) routes.push({ method, path: toOpenApiPath(prefix + path) });
    } else if (isRouter(layer.handle)) {
      for (const mount of paths(layer.rawPath ?? '/')) routes.push(...walk(layer.handle.stack, prefix + (mount === '/' ? '' : mount)));
    } else if (isApplication(layer.handle)) {
      for (const mount of paths(layer.rawPath ?? '/')) routes.push({ method: 'get', path: toOpenApiPath(prefix + mount) });
    }
  }
  return routes;
}

function paths(value: unknown): string[] {
  const all = Array.isArray(value) ? value : [value];
  return all.map((path) => {
    if (typeof path !== 'string') throw new Error(`a route path that is not a string: ${String(path)}`);
    return path;
  });
}

export function toOpenApiPath(expressPath: string): string {
  if (/[*?(){}]/.test(expressPath)) throw new Error(`${expressPath}: no OpenAPI equivalent for this path syntax`);
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}
