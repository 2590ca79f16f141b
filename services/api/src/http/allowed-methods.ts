import type { Express, RequestHandler } from 'express';
import { HttpError } from './errors.ts';

// The parts of Express 5's router (router 2.x) read here: a layer's own path matchers, which
// are what routing itself matches with, so the answer cannot drift from the routes.
type Matcher = (path: string) => { path: string } | false;
interface LayerShape {
  matchers?: Matcher[];
  slash?: boolean;
  route?: { methods: Record<string, boolean> };
  handle: unknown;
}

interface RouteEntry {
  methods: readonly string[];
  matches(path: string): boolean;
}

const isRouter = (handle: unknown): handle is { stack: LayerShape[] } => Array.isArray((handle as { stack?: unknown } | null)?.stack);

/** A router's layers can decode a broken percent-escape only by throwing: such a path matched. */
function tryMatch(matcher: Matcher, path: string): { path: string } | false {
  try {
    return matcher(path);
  } catch {
    return { path };
  }
}

function entries(stack: LayerShape[]): RouteEntry[] {
  const found: RouteEntry[] = [];
  for (const layer of stack) {
    const matchers = layer.matchers ?? [];
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((method) => layer.route?.methods[method] && method !== '_all');
      found.push({ methods, matches: (path) => matchers.some((matcher) => tryMatch(matcher, path) !== false) });
    } else if (isRouter(layer.handle)) {
      // Routes of a mounted router, matched against the rest of the path after its mount point.
      for (const inner of entries(layer.handle.stack)) {
        found.push({
          methods: inner.methods,
          matches: (path) => {
            if (layer.slash) return inner.matches(path);
            return matchers.some((matcher) => {
              const mount = tryMatch(matcher, path);
              return mount !== false && inner.matches(path.slice(mount.path.length) || '/');
            });
          },
        });
      }
    }
  }
  return found;
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The methods a path answers, from the app's routes, or null for a path no route has. HEAD comes
 * with GET (Express answers it from the GET route) and OPTIONS with every known path (CORS
 * answers preflights on the embeddable ones, `answerOptions` the rest).
 */
export function allowedMethodsOf(app: Express): (path: string) => string[] | null {
  let table: RouteEntry[] | undefined;
  return (path) => {
    // Built on first use: routes are added after the app is created, all before it serves.
    table ??= entries((app as unknown as { router: { stack: LayerShape[] } }).router.stack);
    const methods = new Set<string>();
    for (const entry of table) if (entry.matches(path)) for (const method of entry.methods) methods.add(method.toUpperCase());
    if (methods.size === 0) return null;
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  };
}

const rank = (method: string) => (ORDER.includes(method) ? ORDER.indexOf(method) : ORDER.length);

/**
 * `OPTIONS` on a known path: 204 with the full `Allow`. In front of the routers, because each
 * router otherwise answers OPTIONS with only the methods it holds itself.
 */
export function answerOptions(allowed: (path: string) => string[] | null): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    const methods = allowed(req.path);
    if (!methods) return next();
    res.set('allow', methods.join(', ')).status(204).end();
  };
}

/** After every route: a known path asked with a method it lacks is 405, naming the ones it has. */
export function refuseWrongMethod(allowed: (path: string) => string[] | null): RequestHandler {
  return (req, _res, next) => {
    const methods = allowed(req.path);
    if (!methods || methods.includes(req.method)) return next();
    const allow = methods.join(', ');
    throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}; allowed: ${allow}`, { allow });
  };
}
