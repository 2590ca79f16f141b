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
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'https:'],
        'upgrade-insecure-requests': null,
      },
    },
    // Same-origin by default; answers meant for other sites opt out (allowCrossOriginEmbedding).
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/**
 * For answers other sites load without CORS (an <img> pointing at /v1/hit, a <script> loading
 * a widget): Cross-Origin-Resource-Policy: same-origin would make their browsers drop them.
 */
export const allowCrossOriginEmbedding: RequestHandler = (_req, res, next) => {
  res.set('cross-origin-resource-policy', 'cross-origin');
  next();
};
