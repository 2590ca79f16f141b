import type { Config } from '@newsrank/config';
import { createDb, type Db } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import type pg from 'pg';

/** What every process shares: configuration, a logger and the database. Redis is per role. */
export interface ServiceContext {
  config: Config;
  logger: Logger;
  db: Db;
  pool: pg.Pool;
}

export function createContext(config: Config, logger: Logger, name: string): ServiceContext {
  const { db, pool } = createDb({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: `newsrank-${name}` });
  return { config, logger, db, pool };
}

/** A started process part; close() stops taking work, finishes or hands back what it holds. */
export interface RunningService {
  close(): Promise<void>;
}
