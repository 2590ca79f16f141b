import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_INGEST_TOKEN, loadConfig } from './config.ts';
import { parseDurationMs, readDuration } from './duration.ts';

describe('loadConfig', () => {
  it('an empty environment gives working local defaults', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/newsrank');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', clusterNodes: [] });
    expect(config.feedMaxBytes).toBe(10 * 1024 * 1024);
    expect(config.popularityHalfLifeMs).toBe(6 * 3_600_000);
    expect(config.rankingRefreshMs).toBe(1000);
    expect(config.trendingMinViews).toBe(10);
    expect(config.ingestTokens).toEqual([DEVELOPMENT_INGEST_TOKEN]);
  });

  it('every bad variable is named, one line each', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', POPULARITY_HALF_LIFE: 'soon' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as ConfigError).problems;
      expect(lines).toHaveLength(3);
      expect(lines.some((line) => line.startsWith('PORT:'))).toBe(true);
      expect(lines.some((line) => line.startsWith('DATABASE_URL:'))).toBe(true);
      expect(lines.some((line) => line.startsWith('POPULARITY_HALF_LIFE:'))).toBe(true);
    }
  });

  it('TRENDING_MIN_VIEWS takes a positive whole number of views', () => {
    expect(loadConfig({ TRENDING_MIN_VIEWS: '25' }).trendingMinViews).toBe(25);
    for (const raw of ['0', '-3', '2.5', 'ten'])
      expect(() => loadConfig({ TRENDING_MIN_VIEWS: raw })).toThrow(/^invalid configuration:\nTRENDING_MIN_VIEWS: /);
  });

  it('production refuses to start without ingest tokens', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/INGEST_TOKENS/);
    expect(loadConfig({ NODE_ENV: 'production', INGEST_TOKENS: 'a, b' }).ingestTokens).toEqual(['a', 'b']);
  });

  it('cluster nodes come from REDIS_CLUSTER_NODES or a redis+cluster URL', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7001' }).redis.clusterNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(loadConfig({ REDIS_URL: 'redis+cluster://a:7000,b:7001' }).redis.clusterNodes).toEqual([
      { host: 'a', port: 7000 },
      { host: 'b', port: 7001 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'nohost' })).toThrow(/REDIS_CLUSTER_NODES/);
  });

  it('a cluster refuses a queue prefix without a hash tag, whose keys would spread over slots', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', QUEUE_PREFIX: 'newsrank' })).toThrow(/QUEUE_PREFIX/);
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', QUEUE_PREFIX: '{news}:prod' }).queuePrefix).toBe('{news}:prod');
    expect(loadConfig({ QUEUE_PREFIX: 'newsrank' }).queuePrefix).toBe('newsrank');
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['6h', 21_600_000],
    ['30s', 30_000],
    ['250ms', 250],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
  ])('reads %s as %d ms', (raw, ms) => expect(parseDurationMs(raw)).toBe(ms));

  it.each(['', 'soon', '-1h', '0', '0s', '6 hours', '1500'])('refuses %j', (raw) => expect(parseDurationMs(raw)).toBeNull());
});

describe('readDuration', () => {
  it('tells a bare number, which needs a unit, from text that is no duration at all', () => {
    expect(readDuration('6')).toEqual({ ok: false, problem: 'needs-unit' });
    expect(readDuration('soon')).toEqual({ ok: false, problem: 'unreadable' });
    expect(readDuration('0')).toEqual({ ok: true, ms: 0 });
    expect(readDuration('90s')).toEqual({ ok: true, ms: 90_000 });
  });
});

describe('duration variables', () => {
  it.each([
    ['POPULARITY_HALF_LIFE', '6', 'POPULARITY_HALF_LIFE: "6" needs a unit, e.g. 6h'],
    ['EVENT_DEDUP_RETENTION', '30', 'EVENT_DEDUP_RETENTION: "30" needs a unit, e.g. 30d'],
    ['INGEST_JOB_RETENTION', '7', 'INGEST_JOB_RETENTION: "7" needs a unit, e.g. 7d'],
  ])('%s=%s is refused with one line naming the variable and an example', (name, raw, line) => {
    try {
      loadConfig({ [name]: raw });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([line]);
    }
  });

  it('a zero duration is refused as such', () => {
    expect(() => loadConfig({ POPULARITY_HALF_LIFE: '0s' })).toThrow(/POPULARITY_HALF_LIFE: expected a duration above zero/);
  });

  it('every duration variable takes a unit, and the _MS variables stay bare numbers of milliseconds', () => {
    const config = loadConfig({
      POPULARITY_HALF_LIFE: '90m',
      EVENT_DEDUP_RETENTION: '2d',
      INGEST_JOB_RETENTION: '12h',
      RETENTION_INTERVAL: '1m',
      RANKING_REFRESH_MS: '500',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    expect(config.popularityHalfLifeMs).toBe(90 * 60_000);
    expect(config.eventDedupRetentionMs).toBe(2 * 86_400_000);
    expect(config.ingestJobRetentionMs).toBe(12 * 3_600_000);
    expect(config.retentionIntervalMs).toBe(60_000);
    expect(config.rankingRefreshMs).toBe(500);
    expect(config.shutdownTimeoutMs).toBe(3000);
  });
});

describe('http options', () => {
  it('CORS_ORIGINS defaults to any origin and takes a list of exact origins', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://news.example, http://localhost:3000' }).corsOrigins).toEqual([
      'https://news.example',
      'http://localhost:3000',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example,*' }).corsOrigins).toBe('*');
  });

  it.each(['news.example', 'https://news.example/', 'https://news.example/path', 'ftp://news.example'])(
    'CORS_ORIGINS refuses %j, naming the variable',
    (raw) => {
      expect(() => loadConfig({ CORS_ORIGINS: raw })).toThrow(/CORS_ORIGINS: expected \* or origins/);
    },
  );

  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['fd00::/8', ['fd00::/8']],
  ])('TRUST_PROXY %j is read as %j', (raw, expected) => {
    expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['yes', 'proxy.example', '10.0.0.0/8; drop'])('TRUST_PROXY refuses %j', (raw) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY:/);
  });
});

describe('connection limits', () => {
  it('default to timeouts chosen here, not Node’s, and 5,000 event streams a process', () => {
    expect(loadConfig({}).httpLimits).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 65_000,
      sseMaxClients: 5_000,
    });
  });

  it('take durations with a unit and a positive stream count', () => {
    const limits = loadConfig({
      HTTP_HEADERS_TIMEOUT: '5s',
      HTTP_REQUEST_TIMEOUT: '2m',
      HTTP_KEEP_ALIVE_TIMEOUT: '350s',
      SSE_MAX_CLIENTS: '200',
    }).httpLimits;
    expect(limits).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 350_000, sseMaxClients: 200 });
  });

  it.each([
    ['HTTP_HEADERS_TIMEOUT', '10', 'HTTP_HEADERS_TIMEOUT: "10" needs a unit, e.g. 10s'],
    ['HTTP_REQUEST_TIMEOUT', '0s', 'HTTP_REQUEST_TIMEOUT: expected a duration above zero, such as 60s, got "0s"'],
    ['HTTP_KEEP_ALIVE_TIMEOUT', '30d', 'HTTP_KEEP_ALIVE_TIMEOUT: expected at most 24h, got "30d"'],
  ])('%s=%s is refused, naming the variable', (name, raw, line) => {
    expect(() => loadConfig({ [name]: raw })).toThrow(line);
  });

  it('refuses a stream cap that is no positive integer', () => {
    expect(() => loadConfig({ SSE_MAX_CLIENTS: '0' })).toThrow(/SSE_MAX_CLIENTS:/);
    expect(() => loadConfig({ SSE_MAX_CLIENTS: 'many' })).toThrow(/SSE_MAX_CLIENTS:/);
  });

  it('refuses a headers timeout longer than the request timeout, which Node would not start with', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT: '90s' })).toThrow('HTTP_HEADERS_TIMEOUT: must not be longer than HTTP_REQUEST_TIMEOUT');
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT: '60s' }).httpLimits.headersTimeoutMs).toBe(60_000);
  });
});
