import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.ts';

// Comparing fixed-length digests keeps the comparison constant-time whatever the token lengths.
const digest = (token: string) => createHash('sha256').update(token).digest();

/** Whether a presented token is one of INGEST_TOKENS, compared in constant time. */
export function tokenMatcher(tokens: string[]): (presented: string) => boolean {
  const allowed = tokens.map(digest);
  return (presented) => {
    const candidate = digest(presented);
    return allowed.reduce((found, token) => timingSafeEqual(token, candidate) || found, false);
  };
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerToken(req: Request): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1] ?? null;
}

/** `Authorization: Bearer <token>` with one of INGEST_TOKENS. */
export function requireBearerToken(tokens: string[]): RequestHandler {
  const matches = tokenMatcher(tokens);
  return (req, _res, next) => {
    const presented = bearerToken(req);
    if (presented === null || !matches(presented)) {
      throw new HttpError(
        401,
        'unauthorized',
        presented ? 'the bearer token is not valid' : 'an Authorization: Bearer <token> header is required',
        {
          'www-authenticate': 'Bearer realm="newsrank"',
        },
      );
    }
    next();
  };
}
