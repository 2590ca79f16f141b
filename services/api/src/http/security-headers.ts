import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's defaults (CSP with 'self' sources, nosniff, frame-ancestors 'self', HSTS, no
 * Referer across origins…) with two changes for this service: article images come from
 * publishers' hosts (img-src https:), and no `upgrade-insecure-requests`, which would break
 * a page served over plain http such as a local `pnpm start`. JSON answers and event streams
 * are unaffected by any of it.
 */
export function securityHeaders(): RequestHandler {
  const headers = fixedHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:'],
          'upgrade-insecure-requests': null,
        },
      },
      // Same-origin by default; answers meant for other sites opt out (allowCrossOriginEmbedding).
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}

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
  res.set('cross-origin-resource-policy', 'cross-origin');
  next();
};
