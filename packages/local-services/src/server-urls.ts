import { ConfigError, loadConfig } from '@newsrank/config';
import { TEST_SERVER_DEFAULTS } from './defaults.ts';
import type { ServerUrls } from './ensure-servers.ts';

/**
 * The servers a command will use, or null when it must find them as configured: in production
 * (servers there are the operator's), or when the configuration is invalid (the process itself
 * reports that, one line per variable).
 */
export function serverUrlsFor(command: string, env: Record<string, string | undefined>): ServerUrls | null {
  if (env.NODE_ENV === 'production') return null;
  if (command === 'test') {
    return {
      databaseUrl: env.TEST_DATABASE_URL || TEST_SERVER_DEFAULTS.databaseUrl,
      redisUrl: env.TEST_REDIS_URL || TEST_SERVER_DEFAULTS.redisUrl,
    };
  }
  try {
    const config = loadConfig(env);
    return { databaseUrl: config.databaseUrl, redisUrl: config.redis.clusterNodes.length > 0 ? null : config.redis.url };
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}
