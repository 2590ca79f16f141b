import { describe, expect, it } from 'vitest';
import { serverUrlsFor } from './server-urls.ts';

describe('serverUrlsFor', () => {
  it('start uses the configured addresses, with the configuration defaults', () => {
    expect(serverUrlsFor('start', {})).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/newsrank',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(serverUrlsFor('start', { DATABASE_URL: 'postgres://u@localhost:6000/x', REDIS_URL: 'redis://localhost:6001' })).toEqual({
      databaseUrl: 'postgres://u@localhost:6000/x',
      redisUrl: 'redis://localhost:6001',
    });
  });

  it('test uses the test addresses', () => {
    expect(serverUrlsFor('test', { DATABASE_URL: 'postgres://elsewhere/x', TEST_REDIS_URL: 'redis://127.0.0.1:7000' })).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      redisUrl: 'redis://127.0.0.1:7000',
    });
  });

  it('production never gets servers of its own', () => {
    expect(serverUrlsFor('start', { NODE_ENV: 'production', INGEST_TOKENS: 't' })).toBeNull();
    expect(serverUrlsFor('test', { NODE_ENV: 'production' })).toBeNull();
  });

  it('a Redis Cluster is never one of ours', () => {
    expect(serverUrlsFor('start', { REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' })?.redisUrl).toBeNull();
  });

  it('an invalid configuration is left for the process to report', () => {
    expect(serverUrlsFor('start', { PORT: 'eighty' })).toBeNull();
  });
});
