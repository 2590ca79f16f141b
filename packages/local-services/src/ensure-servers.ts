import { anyAnswers } from './answers.ts';
import { findPostgres, findRedisServer, installDebianPackages } from './binaries.ts';
import { localAddress, type LocalAddress } from './local-address.ts';
import type { ManagedServer } from './managed-server.ts';
import { startPostgres } from './postgres-server.ts';
import { startRedis } from './redis-server.ts';

export interface ServerUrls {
  databaseUrl: string;
  /** null when Redis is a cluster or given by nodes: never one of ours. */
  redisUrl: string | null;
}

export class LocalServerError extends Error {}

function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '(default port)'}`;
}

async function needsOwn(url: string | null, kind: 'postgres' | 'redis'): Promise<LocalAddress | null> {
  if (url === null) return null;
  const address = localAddress(url, kind);
  if (!address) return null;
  return (await anyAnswers(address.listen, address.port)) ? null : address;
}

function postgresBinaries(url: string, say: (line: string) => void) {
  const found = findPostgres() ?? (installDebianPackages(['postgresql'], say) ? findPostgres() : null);
  if (found) return found;
  throw new LocalServerError(
    `nothing answers at ${describe(url)} and no PostgreSQL is installed here. Either install it ` +
      `(as root: apt-get install postgresql; then run this again) or set DATABASE_URL to a PostgreSQL that runs.`,
  );
}

function redisBinary(url: string, say: (line: string) => void): string {
  const found = findRedisServer() ?? (installDebianPackages(['redis-server'], say) ? findRedisServer() : null);
  if (found) return found;
  throw new LocalServerError(
    `nothing answers at ${describe(url)} and no redis-server is installed here. Either install it ` +
      `(as root: apt-get install redis-server; then run this again) or set REDIS_URL to a Redis that runs.`,
  );
}

/**
 * Starts a PostgreSQL and a Redis of the project's own for the local URLs nothing answers at.
 * A URL on another host is never served here: its server is someone else's to run.
 */
export async function ensureServers(urls: ServerUrls, stateDir: string, say: (line: string) => void): Promise<ManagedServer[]> {
  const started: ManagedServer[] = [];
  try {
    const postgres = await needsOwn(urls.databaseUrl, 'postgres');
    if (postgres) {
      say(`nothing answers at ${describe(urls.databaseUrl)}: starting a PostgreSQL of its own`);
      started.push(await startPostgres(postgresBinaries(urls.databaseUrl, say), postgres, stateDir, say));
    }
    const redis = await needsOwn(urls.redisUrl, 'redis');
    if (redis && urls.redisUrl) {
      say(`nothing answers at ${describe(urls.redisUrl)}: starting a Redis of its own`);
      started.push(await startRedis(redisBinary(urls.redisUrl, say), redis, stateDir, say));
    }
    return started;
  } catch (error) {
    await stopServers(started);
    throw error;
  }
}

export async function stopServers(servers: ManagedServer[]): Promise<void> {
  for (const server of [...servers].reverse()) await server.stop();
}
