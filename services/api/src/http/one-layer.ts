import type { RequestHandler } from 'express';

/**
 * Middlewares run one after another inside a single router layer. Every layer Express's router
 * passes costs a request its matching and dispatch; the ones every request goes through (request
 * id, metrics, security headers, CORS) are cheaper run as one, and each stays a module of its own.
 * As in the router, a middleware that answers ends the run, and one that hands an error to
 * `next`, throws or returns a rejected promise sends the error on to the error handlers.
 */
export function inOneLayer(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (outcome?: unknown): void => {
      // Falsy is no error, as the router reads it (`next(null)` goes on).
      if (outcome) return next(outcome);
      const handler = handlers[index++];
      if (handler === undefined) return next();
      try {
        const returned: unknown = handler(req, res, step);
        if (returned instanceof Promise) returned.catch(next);
      } catch (error) {
        next(error);
      }
    };
    step();
  };
}
