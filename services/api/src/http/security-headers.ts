import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Pages (the reader pages, the widget script, the dashboard, the operations endpoints) get
 * helmet's defaults (CSP with 'self' sources, nosniff, frame-ancestors 'self', HSTS…) with three
 * changes for this service: article images come from publishers' hosts (img-src https:), the
 * Referer kept between its own pages (same-origin), and no `upgrade-insecure-requests`, which
 * would break a page served over plain http such as a local `pnpm start`.
 *
 * The JSON API under /v1 gets the set OWASP's REST Security Cheat Sheet asks of an API answer
 * instead: nothing may load from or frame it (CSP `default-src 'none'; frame-ancestors 'none'`,
 * X-Frame-Options DENY), nosniff, HSTS, no Referer, same-origin resources unless an endpoint opts
 * out (allowCrossOriginEmbedding). helmet's other headers (COOP, Origin-Agent-Cluster, DNS
 * prefetch, IE download and Flash policies, X-XSS-Protection) govern documents and do nothing on a
 * JSON answer, which every page view of every embedding site requests: in a profile of the list
 * read, setting and serialising headers took a tenth of the API's CPU, and helmet's were 12 of
 * the 22 headers of each answer.
 */
export function securityHeaders(): RequestHandler {
  const pageHeaders = fixedHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:'],
          'upgrade-insecure-requests': null,
        },
      },
      // Same-origin by default; answers meant for other sites opt out (allowCrossOriginEmbedding).
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // A reader going from one of these pages to another brings the first as document.referrer,
      // so the beacon counts the view as internal; no other site ever learns which page linked.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  const apiHeaders = new Map<string, string>([
    ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
    ['x-frame-options', 'DENY'],
    ['referrer-policy', 'no-referrer'],
    ...['x-content-type-options', 'strict-transport-security', 'cross-origin-resource-policy'].map((name): [string, string] => {
      const value = pageHeaders.get(name);
      if (value === undefined) throw new Error(`helmet no longer sets ${name}; the API's security headers need it`);
      return [name, value];
    }),
  ]);
  return (req, res, next) => {
    res.setHeaders(req.path.startsWith(API_PREFIX) ? apiHeaders : pageHeaders);
    next();
  };
}

const API_PREFIX = '/v1/';

/**
 * The headers a helmet middleware sets, taken once: with no per-request directive (no nonce),
 * they are the same for every answer, and helmet would otherwise rebuild the CSP string and
 * run a dozen middlewares on each request.
 */
function fixedHeaders(middleware: ReturnType<typeof helmet>): Map<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  let done = false;
  middleware({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously; its headers cannot be fixed in advance');
  return headers;
}

/**
 * For answers other sites load without CORS (an <img> pointing at /v1/hit, a <script> loading
 * a widget): Cross-Origin-Resource-Policy: same-origin would make their browsers drop them.
 */
export const allowCrossOriginEmbedding: RequestHandler = (_req, res, next) => {
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
  next();
};
