import { isIPv6 } from 'node:net';

/**
 * The rate-limit key of a client address. An IPv4 address (also written as ::ffff:a.b.c.d)
 * stands alone; an IPv6 address counts by its /64 network, the block one subscriber is
 * usually given, or one client could rotate through addresses without end.
 */
export function clientAddressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return bare;
  return `${expandIpv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` filled in, leading zeros dropped. */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array.from({ length: Math.max(0, 8 - front.length - back.length) }, () => '0');
  return [...front, ...zeros, ...back].map((group) => (group.includes('.') ? group : (parseInt(group, 16) || 0).toString(16)));
}
