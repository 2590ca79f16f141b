import { createLogger } from '@newsrank/logger';
import { createDb, ensureDatabaseExists, migrateToLatest } from '@newsrank/db';
import { configOrExit } from '@newsrank/runtime';

export async function migrateCommand(): Promise<number> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'migrate' });
  await ensureDatabaseExists(config.databaseUrl);
  const { db } = createDb({ url: config.databaseUrl, poolSize: 1 });
  try {
    const applied = await migrateToLatest(db);
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema already current');
    return 0;
  } finally {
    await db.destroy();
  }
}
