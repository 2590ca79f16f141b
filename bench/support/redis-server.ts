import { startRedisServer, type RedisServerOptions } from '../../test/support/redis-server.ts';

export interface BenchRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A redis-server of the benchmark's own (the tests' private server: every write fsynced to the
 * AOF before it is acknowledged, noeviction — the durability the project promises). The shared
 * Redis on 6379 is never touched, so other people's tests neither disturb the figures nor are
 * disturbed by them. `everysec` is only there to show what the fsync before each acknowledgement costs.
 */
export async function startBenchRedis(appendfsync: RedisServerOptions['appendfsync'] = 'always'): Promise<BenchRedis> {
  const server = await startRedisServer({ appendfsync });
  return { url: server.url, stop: () => server.destroy() };
}
