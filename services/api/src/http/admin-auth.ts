import type { Request, RequestHandler } from 'express';
import { bearerToken, tokenMatcher } from './auth.ts';
import { HttpError } from './errors.ts';

/** The password of `Authorization: Basic …`; the user name is ignored. */
function basicPassword(req: Request): string | null {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

/**
 * Admin pages take an ingest token as a bearer token (scripts) or as the password of HTTP
 * Basic authentication, which a browser asks for by itself when challenged: no login page,
 * no cookie, nothing a cross-site request could ride on except what the browser was given.
 */
export function requireAdminToken(tokens: string[]): RequestHandler {
  const matches = tokenMatcher(tokens);
  return (req, _res, next) => {
    const presented = bearerToken(req) ?? basicPassword(req);
    if (presented === null || !matches(presented)) {
      throw new HttpError(
        401,
        'unauthorized',
        'an ingest token is required: Authorization: Bearer <token>, or Basic with the token as password',
        {
          'www-authenticate': 'Basic realm="newsrank admin", charset="UTF-8"',
        },
      );
    }
    next();
  };
}
