import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@newsrank/logger';
import { errorBody } from '@newsrank/wire';
import { codeForStatus } from './errors.ts';

/** The parser's error as Node hands it to `clientError`. */
export interface ClientError extends Error {
  code?: string;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Node's HTTP parser refuses some requests before Express sees them: a raw non-ASCII byte in
 * the request target (`?category=政治` unencoded), oversized headers, broken framing. Node would
 * answer those with a bare `400` and no body; they get the API's error shape here instead.
 * Relaxing the parser (`insecureHTTPParser`) would let the same bytes through everywhere,
 * including the header smuggling the strict parser exists to stop.
 */
export function refusalFor(error: ClientError): Refusal {
  switch (error.code) {
    case 'HPE_INVALID_URL':
      return {
        status: 400,
        code: 'invalid_url',
        message:
          'the request target holds a character HTTP does not allow there; percent-encode it (UTF-8), e.g. ?category=%E6%94%BF%E6%B2%BB',
      };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: codeForStatus(431), message: 'the request headers are larger than the server accepts' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return { status: 408, code: codeForStatus(408), message: 'the request did not arrive in time' };
    default:
      return { status: 400, code: 'bad_request', message: 'the request is not valid HTTP/1.1' };
  }
}

/** A complete HTTP/1.1 answer, written straight to the socket: there is no request object to answer through. */
export function clientErrorResponse(refusal: Refusal, requestId: string): string {
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  return [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Bad Request'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    `x-request-id: ${requestId}`,
    'cache-control: no-store',
    'x-content-type-options: nosniff',
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

/** For `server.on('clientError')`: answers once if the socket can still take it, then closes it. */
export function answerClientErrors(logger: Logger): (error: ClientError, socket: Duplex) => void {
  return (error, socket) => {
    // A reset connection, or one whose answer has begun (a timeout mid-response), has no one to tell:
    // the same test Node's own default handler makes.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent === true) {
      socket.destroy();
      return;
    }
    const refusal = refusalFor(error);
    const reqId = randomUUID();
    // Scanners send malformed requests all day: kept out of the info log like any other noise.
    logger.debug({ reqId, status: refusal.status, parserError: error.code }, 'request refused by the HTTP parser');
    socket.end(clientErrorResponse(refusal, reqId));
  };
}
