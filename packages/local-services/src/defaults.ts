/** Where the test suite finds its servers when TEST_DATABASE_URL / TEST_REDIS_URL are not set. */
export const TEST_SERVER_DEFAULTS = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: 'redis://127.0.0.1:6379',
} as const;
