import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { HttpLimits } from '@newsrank/config';
import type { Logger } from '@newsrank/logger';
import { answerClientErrors } from './client-error.ts';

type Timeouts = Pick<HttpLimits, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>;

/**
 * Node enforces the headers and request timeouts by a sweep over the requests in progress, every
 * `connectionsCheckingInterval` (30 s by default: a 10 s headers timeout would fire at 10–40 s).
 * A tenth of the shorter timeout, at most a second, keeps them close to what they say; a sweep
 * visits only sockets with a request still arriving, so it costs little even under a flood.
 */
export function connectionsCheckingIntervalMs(limits: Timeouts): number {
  return Math.max(10, Math.min(1_000, Math.ceil(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10)));
}

/**
 * The options the API's server is created with. Given to the constructor, not set afterwards:
 * the sweep interval is read when the server starts listening, and only the constructor refuses
 * a headers timeout above the request timeout (Node's sweep would silently swap the two).
 * Neither timeout applies once a request has arrived: an answer that streams for hours
 * (`GET /v1/ranking/stream`) is bound by neither.
 */
export function httpServerOptions(limits: Timeouts): ServerOptions {
  return {
    headersTimeout: Math.ceil(limits.headersTimeoutMs),
    requestTimeout: Math.ceil(limits.requestTimeoutMs),
    keepAliveTimeout: Math.ceil(limits.keepAliveTimeoutMs),
    connectionsCheckingInterval: connectionsCheckingIntervalMs(limits),
  };
}

/** The API's HTTP server, not yet listening: its limits, and refusals in the API's error shape. */
export function createHttpServer(app: RequestListener, limits: Timeouts, logger: Logger): Server {
  const server = createServer(httpServerOptions(limits), app);
  server.on('clientError', answerClientErrors(logger));
  return server;
}
