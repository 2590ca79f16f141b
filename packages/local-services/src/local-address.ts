/** Where a server of our own would listen for a URL, or null when the URL is not on this machine. */
export interface LocalAddress {
  port: number;
  /** Addresses to bind: both loopbacks for `localhost`, which a client may resolve either way. */
  listen: string[];
  /** The PostgreSQL role the URL connects as (the superuser of a cluster we create). */
  user: string;
}

const DEFAULT_PORTS = { postgres: 5432, redis: 6379 } as const;
export type ServerKind = keyof typeof DEFAULT_PORTS;

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

export function localAddress(url: string, kind: ServerKind): LocalAddress | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // A cluster URL names several nodes; a cluster of our own is out of scope.
  if (parsed.protocol === 'redis+cluster:') return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = parsed.port === '' ? DEFAULT_PORTS[kind] : Number(parsed.port);
  const user = decodeURIComponent(parsed.username) || 'postgres';
  if (host === 'localhost') return { port, listen: ['127.0.0.1', '::1'], user };
  if (LOOPBACK_V4.test(host)) return { port, listen: [host], user };
  if (host === '::1') return { port, listen: ['::1'], user };
  return null;
}
