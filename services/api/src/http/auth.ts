import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

// Comparing fixed-length digests keeps the comparison constant-time whatever the token lengths.
const digest = (token: string) => createHash('sha256').update(token).digest();

/** `Authorization: Bearer <token>` with one of INGEST_TOKENS. */
export function requireBearerToken(tokens: string[]): RequestHandler {
  const allowed = tokens.map(digest);
  return (req, _res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const presented = match?.[1] ? digest(match[1]) : null;
    const ok = presented !== null && allowed.reduce((found, candidate) => timingSafeEqual(candidate, presented) || found, false);
    if (!ok) {
      throw new HttpError(401, 'unauthorized', presented ? 'the bearer token is not valid' : 'an Authorization: Bearer <token> header is required', {
        'www-authenticate': 'Bearer realm="newsrank"',
      });
    }
    next();
  };
}
