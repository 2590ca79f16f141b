import { isIP } from 'node:net';
import { describeAddress, isPublicAddress } from './public-address.ts';
import { SourceUrlError } from './source-url-error.ts';

export const MAX_URL_LENGTH = 2048;

export interface AddressPolicy {
  /** FETCH_ALLOW_PRIVATE: loopback, private, link-local… addresses allowed. */
  allowPrivate?: boolean;
}

/**
 * Parses a feed URL and refuses what newsrank will not fetch: anything but http(s), credentials
 * in the URL, and, unless private addresses are allowed, hosts that are a non-public IP literal
 * (in any form the WHATWG parser normalises: `2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`) or a
 * `localhost` name. Names that merely resolve to such addresses are refused at connect time by
 * guardedLookup, which sees the address actually used.
 */
export function checkFetchUrl(url: string, policy: AddressPolicy = {}): URL {
  const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url;
  if (url.length > MAX_URL_LENGTH) throw new SourceUrlError('invalid-url', `the URL is longer than ${MAX_URL_LENGTH} characters`);
  const parsed = URL.parse(url.trim());
  if (parsed === null) throw new SourceUrlError('invalid-url', `"${shown}" is not a valid absolute URL`);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SourceUrlError('unsupported-scheme', `only http and https URLs can be fetched, not ${parsed.protocol.slice(0, -1)}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new SourceUrlError('invalid-url', 'the URL carries a user name or password, which newsrank does not send');
  }
  if (parsed.hostname === '') throw new SourceUrlError('invalid-url', `"${shown}" names no host`);
  if (policy.allowPrivate === true) return parsed;
  const host = hostOf(parsed);
  if (isIP(host) !== 0 && !isPublicAddress(host)) throw refusedAddress(parsed.hostname, host);
  if (isLocalhostName(host)) throw refusedAddress(parsed.hostname, '127.0.0.1');
  return parsed;
}

/** The host as an address or a name: IPv6 literals without their brackets, no trailing dot. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  if (host.startsWith('[')) return host.slice(1, -1);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** RFC 6761: `localhost` and every name under it are loopback, whatever DNS says. */
function isLocalhostName(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost');
}

export function refusedAddress(host: string, address: string): SourceUrlError {
  const resolved = host === address ? host : `${host} (${address})`;
  return new SourceUrlError(
    'refused-address',
    `${resolved} is ${describeAddress(address)}, which newsrank does not fetch (FETCH_ALLOW_PRIVATE=true allows it)`,
  );
}
