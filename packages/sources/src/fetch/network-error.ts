import type { FetchFailureReason } from '../contract.ts';
import { SourceUrlError } from '../guard/source-url-error.ts';
import { formatDuration } from './wording.ts';

/** A fetch that ran out of time: connecting (DNS, TCP, TLS) or overall. */
export class FetchTimeout extends Error {
  readonly phase: 'connect' | 'total';
  readonly ms: number;
  constructor(phase: FetchTimeout['phase'], ms: number) {
    super(`${phase} timeout after ${ms} ms`);
    this.name = 'FetchTimeout';
    this.phase = phase;
    this.ms = ms;
  }
}

const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EAI_NONAME',
  'ENODATA',
  'ESERVFAIL',
  'ENONAME',
  'EBADNAME',
]);
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

export interface Failure {
  reason: FetchFailureReason;
  message: string;
}

/**
 * Says in words what went wrong below HTTP, for a Source's lastError. `phase` tells a reset
 * before the answer from one in the middle of its body; `host` is the host being fetched.
 */
export function describeNetworkError(error: unknown, host: string, phase: 'request' | 'body'): Failure {
  if (error instanceof FetchTimeout) {
    const doing =
      error.phase === 'connect' ? `connecting to ${host}` : phase === 'body' ? `reading the answer from ${host}` : `waiting for ${host}`;
    return { reason: 'timeout', message: `timed out after ${formatDuration(error.ms)} ${doing}` };
  }
  if (error instanceof SourceUrlError) return { reason: 'refused-address', message: error.message };
  const e = error as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : '';
  const detail = e instanceof Error ? e.message : String(error);
  if (DNS_CODES.has(code) || e?.syscall === 'getaddrinfo' || e?.syscall === 'queryA') {
    if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENONAME')
      return { reason: 'dns', message: `${host} was not found in DNS` };
    if (code === 'EAI_AGAIN') return { reason: 'dns', message: `the DNS lookup of ${host} failed for now (EAI_AGAIN); it is retried` };
    return { reason: 'dns', message: `the DNS lookup of ${host} failed (${code || detail})` };
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_')) {
    return {
      reason: 'tls',
      message: `the TLS connection to ${host} failed: ${detail}${code !== '' && !detail.includes(code) ? ` (${code})` : ''}`,
    };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return { reason: 'connection', message: `${host} refused the connection` };
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        reason: 'connection',
        message:
          phase === 'body' ? `${host} closed the connection in the middle of the answer` : `${host} closed the connection before answering`,
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return { reason: 'connection', message: `${host} cannot be reached (${code})` };
    case 'ETIMEDOUT':
      return { reason: 'timeout', message: `timed out connecting to ${host}` };
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return { reason: 'connection', message: `${host} closed the connection in the middle of the answer` };
  }
  if (code.startsWith('HPE_')) return { reason: 'http-error', message: `${host} sent a malformed HTTP answer (${code})` };
  return { reason: 'connection', message: `fetching from ${host} failed: ${detail}` };
}
