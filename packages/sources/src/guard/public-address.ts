import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses a feed fetch must never reach unless private addresses are allowed: everything that
 * is not globally routable unicast. IPv4 ranges from the IANA special-purpose registry; IPv6 is
 * allowed only inside global unicast 2000::/3, minus its special blocks, and addresses that embed
 * an IPv4 address (mapped, NAT64, 6to4) are judged by the address they embed.
 */
const V4_BLOCKED: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT shared space
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const V6_BLOCKED_IN_GLOBAL: readonly [string, number][] = [
  ['2001::', 32], // Teredo: the embedded address is obfuscated, so refuse it whole
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
];

const v4Blocked = new BlockList();
for (const [network, prefix] of V4_BLOCKED) v4Blocked.addSubnet(network, prefix, 'ipv4');
const v6Blocked = new BlockList();
for (const [network, prefix] of V6_BLOCKED_IN_GLOBAL) v6Blocked.addSubnet(network, prefix, 'ipv6');

/** True for a globally routable unicast address; false for anything else, including non-addresses. */
export function isPublicAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return !v4Blocked.check(bare, 'ipv4');
  // A zone index (fe80::1%eth0) only ever goes with link-local addresses.
  if (bare.includes('%') || !isIPv6(bare)) return false;
  const groups = ipv6Groups(bare);
  const embedded = embeddedIPv4(groups);
  if (embedded !== null) return isPublicAddress(embedded);
  // Outside 2000::/3 lie ::, ::1, IPv4-compatible, discard-only, ULA fc00::/7, link-local
  // fe80::/10, site-local and multicast ff00::/8.
  if ((groups[0]! & 0xe000) !== 0x2000) return false;
  return !v6Blocked.check(bare, 'ipv6');
}

/** The IPv4 address an IPv6 address stands for: IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedIPv4(g: readonly number[]): string | null {
  const first5Zero = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0;
  if (first5Zero && g[5] === 0xffff) return v4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

function v4(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** The eight 16-bit groups of a valid IPv6 address (checked by the caller), a trailing dotted quad included. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad !== null) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  if (tail === null) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** What kind of non-public address this is, for a message a person reads ("a loopback address"). */
export function describeAddress(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv6(bare) && !bare.includes('%')) {
    const groups = ipv6Groups(bare);
    const embedded = embeddedIPv4(groups);
    if (embedded !== null) return describeAddress(embedded);
    if (groups.every((g) => g === 0)) return 'the unspecified address';
    if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'a loopback address';
    if ((groups[0]! & 0xfe00) === 0xfc00) return 'a private (unique local) address';
    if ((groups[0]! & 0xffc0) === 0xfe80) return 'a link-local address';
    if ((groups[0]! & 0xff00) === 0xff00) return 'a multicast address';
    return 'a reserved address';
  }
  if (bare.includes('%')) return 'a link-local address';
  if (!isIPv4(bare)) return 'not an address';
  const [a, b] = bare.split('.').map(Number) as [number, number];
  if (a === 127) return 'a loopback address';
  if (a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168)) return 'a private address';
  if (a === 169 && b === 254) return 'a link-local (cloud metadata) address';
  if (a === 100 && b >= 64 && b < 128) return 'a carrier-grade NAT address';
  if (a === 0) return 'a "this network" address';
  if (a >= 224 && a < 240) return 'a multicast address';
  return 'a reserved address';
}
