import type { RequestHandler, Router } from 'express';

interface RouteLayer {
  route?: { path: unknown };
}

/** The key Express's default routing matches a path by: case-insensitive, one trailing slash optional. */
function routingKey(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

/** The paths of a router whose routes all have fixed paths; null if one has parameters or patterns, or it holds a middleware. */
function fixedPathsOf(router: Router): Set<string> | null {
  const paths = new Set<string>();
  for (const layer of router.stack as RouteLayer[]) {
    const path = layer.route?.path;
    if (typeof path !== 'string' || /[:*?{}()[\]+]/.test(path)) return null;
    paths.add(routingKey(path));
  }
  return paths;
}

/**
 * The router, entered only by a request for one of its paths. Express enters every router a
 * request passes on its way and tries each route in it, which on the busiest paths (the beacon,
 * the lists) cost a request passing a router not its own a few microseconds (docs/benchmarks.md,
 * change 16). A router with any route that is not a fixed path is entered by every request, as
 * before. The handler carries the router's `stack`, so what reads the app's routes (the allowed
 * methods, the OpenAPI route check) still finds them.
 */
export function enteredForItsPathsOnly(router: Router): RequestHandler & { stack: Router['stack'] } {
  const paths = fixedPathsOf(router);
  const handler: RequestHandler = (req, res, next) => {
    if (paths !== null && !paths.has(routingKey(req.path))) return next();
    router(req, res, next);
  };
  return Object.assign(handler, { stack: router.stack });
}
