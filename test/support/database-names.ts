import { TEST_SERVER_DEFAULTS } from '@newsrank/local-services';
/** The server tests run against; the database part of the URL is replaced per test file. */
export const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL || TEST_SERVER_DEFAULTS.databaseUrl;
export const ADMIN_URL = databaseUrl('postgres');

/**
 * Every database a test run creates is named `newsrank_t_<pid of the run>_…`, so runs that
 * overlap (two developers' terminals, a watcher) never drop each other's databases, and the
 * leftovers of a run that was killed can be recognised: their pid is no longer alive.
 */
export const runDatabasePrefix = (runId: number) => `newsrank_t_${runId}_`;
export const templateDatabase = (runId: number) => `${runDatabasePrefix(runId)}template`;

export function databaseUrl(name: string): string {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: number;
  }
}
