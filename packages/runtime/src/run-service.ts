import { writeFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '@newsrank/config';
import { createLogger, type Logger } from '@newsrank/logger';
import { ensureDatabaseExists, migrateToLatest } from '@newsrank/db';
import { createContext, type RunningService, type ServiceContext } from './context.ts';

export interface ServiceDefinition {
  name: string;
  start(context: ServiceContext): Promise<RunningService>;
}

/** Reads configuration once; a bad value ends the process with one line per problem. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`newsrank: invalid configuration: ${problem}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Runs one process to completion: migrate, start, and on SIGTERM/SIGINT shut down in order
 * (the service's own close — stop taking work, finish or hand back what it holds, close its
 * queues and Redis — then the database), exiting 0. A second signal or a shutdown that outlives
 * SHUTDOWN_TIMEOUT_MS (a dependency that hangs) forces exit 1.
 */
export async function runService(definition: ServiceDefinition, options: { migrate: boolean }): Promise<void> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, name: definition.name });
  const context = createContext(config, logger, definition.name);
  let running: RunningService | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    // Deliberately not unref'd: a close() waiting on a promise that never settles must still end
    // in this forced exit rather than in a quiet exit 0 once nothing else holds the event loop.
    try {
      await running?.close();
      await context.db.destroy();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  try {
    if (options.migrate) await migrateWithRetry(context, logger);
    running = await definition.start(context);
    if (config.heartbeatFile) startHeartbeat(config.heartbeatFile);
    logger.info('started');
  } catch (error) {
    // A signal during start closed the database under the starting service: shutdown decides.
    if (stopping) return;
    logger.fatal({ err: error }, 'failed to start');
    await context.db.destroy().catch(() => {});
    process.exit(1);
  }
}

/** The database may still be starting (compose, Kubernetes): wait for it rather than crash-loop. */
async function migrateWithRetry(context: ServiceContext, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureDatabaseExists(context.config.databaseUrl);
      const applied = await migrateToLatest(context.db);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
      return;
    } catch (error) {
      if (attempt >= 30) throw error;
      logger.warn({ err: error, attempt }, 'database not ready for migrations; retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5_000)));
    }
  }
}

function startHeartbeat(file: string): void {
  const beat = () => void writeFile(file, new Date().toISOString()).catch(() => {});
  beat();
  setInterval(beat, 5_000).unref();
}
