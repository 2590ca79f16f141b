import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { FetchTimeout } from './network-error.ts';

export interface Hop {
  url: URL;
  headers: OutgoingHttpHeaders;
  /** GET unless a body is given, which is POSTed. */
  body?: Buffer;
  lookup: LookupFunction;
  connectTimeoutMs: number;
  /** Aborts the request, and the body after it, with the signal's reason. */
  signal: AbortSignal;
}

/**
 * One GET (or POST) on its own connection (no pooled sockets: each hop resolves its host again through
 * the guarded lookup), resolved with the answer's head. Connecting (DNS, TCP, TLS) must finish
 * within connectTimeoutMs.
 */
export function requestOnce(hop: Hop): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (hop.signal.aborted) return reject(hop.signal.reason);
    const send = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const method = hop.body === undefined ? 'GET' : 'POST';
    const req = send(hop.url, { method, headers: hop.headers, lookup: hop.lookup, agent: false });
    const onAbort = () => req.destroy(hop.signal.reason instanceof Error ? hop.signal.reason : new Error('aborted'));
    hop.signal.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(new FetchTimeout('connect', hop.connectTimeoutMs)), hop.connectTimeoutMs);
      const done = () => clearTimeout(timer);
      socket.once(hop.url.protocol === 'https:' ? 'secureConnect' : 'connect', done);
      socket.once('close', done);
    });
    req.on('response', resolve);
    // Also after the response: an error then reaches the body's reader, and must not go unhandled here.
    req.on('error', reject);
    req.on('close', () => hop.signal.removeEventListener('abort', onAbort));
    req.end(hop.body);
  });
}
