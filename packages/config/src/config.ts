import { envSchema, type Env } from './schema.ts';
import type { CorsOrigins, TrustProxy } from './http-options.ts';
import type { SourceTimeZones } from './source-time-zones.ts';

/** A development token, so `pnpm start` works out of the box; production must set its own. */
export const DEVELOPMENT_INGEST_TOKEN = 'dev-token';

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string;
  databasePoolSize: number;
  redis: { url: string; clusterNodes: { host: string; port: number }[] };
  queuePrefix: string;
  http: { host: string; port: number };
  ingestTokens: string[];
  feedMaxBytes: number;
  ingestConcurrency: number;
  rankingConcurrency: number;
  rankingRefreshMs: number;
  popularityHalfLifeMs: number;
  rankingHistoryDays: number;
  /** Views in the last hour an article needs to be in the trending lists. */
  trendingMinViews: number;
  eventDedupRetentionMs: number;
  /** Finished ingest jobs (and their reports) are deleted after this long. */
  ingestJobRetentionMs: number;
  retentionIntervalMs: number;
  rateLimitPerMinute: number;
  corsOrigins: CorsOrigins;
  trustProxy: TrustProxy;
  sourceTimeZones: SourceTimeZones;
  sources: SourcePollingConfig;
  httpLimits: HttpLimits;
  shutdownTimeoutMs: number;
  /** Touched every few seconds while the process runs: a liveness probe for processes without HTTP. */
  heartbeatFile: string | null;
}

export interface SourcePollingConfig {
  pollMinIntervalMs: number;
  pollMaxIntervalMs: number;
  pollMaxFailures: number;
  pollTickMs: number;
  fetchTimeoutMs: number;
  fetchConnectTimeoutMs: number;
  fetchConcurrency: number;
  fetchPerHost: number;
  fetchAllowPrivate: boolean;
  /** The deployment's public origin and path prefix, without a trailing slash; null without WebSub. */
  publicUrl: string | null;
}

/** How long an api process waits on a client, and how many event streams it holds at once. */
export interface HttpLimits {
  /** From a request's first byte (a new connection's, from connecting) to its last header. */
  headersTimeoutMs: number;
  /** From a request's first byte to its last body byte; an answer still being written is not bound by it. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Open `GET /v1/ranking/stream` answers at once; past it, 503 with Retry-After. */
  sseMaxClients: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once; throws ConfigError listing one line per bad variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(nonEmpty(environment));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return shapeConfig(parsed.data);
}

export function shapeConfig(env: Env): Config {
  const problems: string[] = [];
  const clusterNodes = [...env.REDIS_CLUSTER_NODES, ...clusterNodesFromUrl(env.REDIS_URL)].map((node) => {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(node);
    if (!match) problems.push(`REDIS_CLUSTER_NODES: expected host:port, got "${node}"`);
    return { host: match?.[1] ?? '', port: Number(match?.[2] ?? 0) };
  });
  let ingestTokens = env.INGEST_TOKENS;
  if (ingestTokens.length === 0) {
    if (env.NODE_ENV === 'production') problems.push('INGEST_TOKENS: required in production (comma-separated bearer tokens)');
    else ingestTokens = [DEVELOPMENT_INGEST_TOKEN];
  }
  // On a cluster BullMQ's scripts touch several keys of a queue at once: they must share a slot.
  if (clusterNodes.length > 0 && !/\{[^{}]+\}/.test(env.QUEUE_PREFIX)) {
    problems.push(`QUEUE_PREFIX: a Redis Cluster needs a hash tag in the prefix, such as "{newsrank}"; got "${env.QUEUE_PREFIX}"`);
  }
  if (env.POLL_MIN_INTERVAL > env.POLL_MAX_INTERVAL) problems.push('POLL_MIN_INTERVAL: must not be longer than POLL_MAX_INTERVAL');
  // Node refuses the pair at start (and, set after creating the server, silently swaps the two).
  if (env.HTTP_HEADERS_TIMEOUT > env.HTTP_REQUEST_TIMEOUT)
    problems.push('HTTP_HEADERS_TIMEOUT: must not be longer than HTTP_REQUEST_TIMEOUT');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redis: { url: env.REDIS_URL, clusterNodes },
    queuePrefix: env.QUEUE_PREFIX,
    http: { host: env.HOST, port: env.PORT },
    ingestTokens,
    feedMaxBytes: env.FEED_MAX_BYTES,
    ingestConcurrency: env.INGEST_CONCURRENCY,
    rankingConcurrency: env.RANKING_CONCURRENCY,
    rankingRefreshMs: env.RANKING_REFRESH_MS,
    popularityHalfLifeMs: env.POPULARITY_HALF_LIFE,
    rankingHistoryDays: env.RANKING_HISTORY_DAYS,
    trendingMinViews: env.TRENDING_MIN_VIEWS,
    eventDedupRetentionMs: env.EVENT_DEDUP_RETENTION,
    ingestJobRetentionMs: env.INGEST_JOB_RETENTION,
    retentionIntervalMs: env.RETENTION_INTERVAL,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    sourceTimeZones: env.SOURCE_TIME_ZONES,
    sources: {
      pollMinIntervalMs: env.POLL_MIN_INTERVAL,
      pollMaxIntervalMs: env.POLL_MAX_INTERVAL,
      pollMaxFailures: env.POLL_MAX_FAILURES,
      pollTickMs: env.POLL_TICK,
      fetchTimeoutMs: env.FETCH_TIMEOUT,
      fetchConnectTimeoutMs: env.FETCH_CONNECT_TIMEOUT,
      fetchConcurrency: env.FETCH_CONCURRENCY,
      fetchPerHost: env.FETCH_PER_HOST,
      fetchAllowPrivate: env.FETCH_ALLOW_PRIVATE,
      publicUrl: env.PUBLIC_URL === undefined ? null : env.PUBLIC_URL.replace(/\/+$/, ''),
    },
    httpLimits: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT,
      sseMaxClients: env.SSE_MAX_CLIENTS,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    heartbeatFile: env.HEARTBEAT_FILE ?? null,
  };
}

/** `redis+cluster://host1:7000,host2:7001` names the seed nodes of a cluster. */
function clusterNodesFromUrl(url: string): string[] {
  if (!url.startsWith('redis+cluster://')) return [];
  return url.slice('redis+cluster://'.length).replace(/\/.*$/, '').split(',').filter(Boolean);
}

/** An empty variable means "use the default", as in most process managers. */
function nonEmpty(environment: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) if (value !== undefined && value !== '') result[key] = value;
  return result;
}
