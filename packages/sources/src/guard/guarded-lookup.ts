import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedAddress } from './check-fetch-url.ts';
import { isPublicAddress } from './public-address.ts';

/** dns.lookup with `all: true`; replaceable so tests can play a rebinding DNS server. */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for node:http(s) request options. It resolves every address of the name and refuses
 * the name if any of them is not public, so the socket connects to an address that was checked
 * and a name that resolves to both a public and a private address (DNS rebinding) gets nowhere.
 * The refusal is a SourceUrlError with code 'refused-address'.
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family ?? 0, hints: options.hints ?? 0, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, '');
      if (addresses.length === 0)
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '');
      const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused !== undefined) return callback(refusedAddress(hostname, refused.address), '');
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
