import { z } from 'zod';
import { readDuration, type DurationReading } from './duration.ts';
import { corsOrigins, trustProxy } from './http-options.ts';
import { sourceTimeZones } from './source-time-zones.ts';

/** A duration with its unit (`6h`, `30d`), above zero (and at most `maxMs` when given); in milliseconds once read. */
const duration = (fallback: string, maxMs = Number.POSITIVE_INFINITY) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const reading = readDuration(raw);
      if (reading.ok && reading.ms > 0 && reading.ms <= maxMs) return reading.ms;
      const problem =
        reading.ok && reading.ms > maxMs ? `expected at most ${maxMs / 3_600_000}h, got "${raw}"` : durationProblem(raw, reading, fallback);
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    });

/** The example keeps the number given and adds the unit of the default: `"6" needs a unit, e.g. 6h`. */
function durationProblem(raw: string, reading: DurationReading, fallback: string): string {
  if (reading.ok) return `expected a duration above zero, such as ${fallback}, got "${raw}"`;
  if (reading.problem === 'needs-unit') return `"${raw}" needs a unit, e.g. ${raw.trim()}${/[a-z]+$/.exec(fallback)?.[0] ?? 's'}`;
  return `expected a duration such as 500ms, 30s, 6h or 7d, got "${raw}"`;
}

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(1).max(max).default(fallback);

const url = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    // Prefix check rather than `new URL`: a cluster URL lists several host:port pairs.
    .refine(
      (raw) => protocols.some((protocol) => raw.startsWith(`${protocol}//`) && raw.length > protocol.length + 2),
      `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

const commaList = z
  .string()
  .default('')
  .transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  );

/** Every variable the processes read, with defaults that work against a local Postgres and Redis. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/newsrank'),
  DATABASE_POOL_SIZE: positiveInt(10, 200),
  REDIS_URL: url(['redis:', 'rediss:', 'redis+cluster:'], 'redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: commaList,
  QUEUE_PREFIX: z
    .string()
    .default('{newsrank}')
    .refine((raw) => /^[A-Za-z0-9{}_:.-]+$/.test(raw), 'expected letters, digits and {}_:.- only'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  INGEST_TOKENS: commaList,
  FEED_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  INGEST_CONCURRENCY: positiveInt(4, 256),
  RANKING_CONCURRENCY: positiveInt(64, 1024),
  RANKING_REFRESH_MS: positiveInt(1000, 3_600_000),
  POPULARITY_HALF_LIFE: duration('6h'),
  RANKING_HISTORY_DAYS: positiveInt(7, 3650),
  // Views in the last hour an article needs before it can be trending.
  TRENDING_MIN_VIEWS: positiveInt(10, 1_000_000_000),
  // The dedup horizon: how long an eventId is remembered after its occurredAt; older events are refused, so a resent one cannot count twice.
  EVENT_DEDUP_RETENTION: duration('7d'),
  INGEST_JOB_RETENTION: duration('7d'),
  // How often each worker's retention pass runs (old partitions dropped, old documents and list history pruned).
  RETENTION_INTERVAL: duration('10m'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  // Origins whose pages may call the embeddable endpoints (events, hit, lists) from the browser.
  CORS_ORIGINS: corsOrigins,
  // Behind a load balancer, which X-Forwarded-For hops to believe for the client address.
  TRUST_PROXY: trustProxy,
  // The zone the reader page prints each source's times in (japan-news=Asia/Tokyo,…).
  SOURCE_TIME_ZONES: sourceTimeZones,
  // Subscribed sources: the interval follows each feed between these bounds.
  POLL_MIN_INTERVAL: duration('5m'),
  POLL_MAX_INTERVAL: duration('24h'),
  POLL_MAX_FAILURES: positiveInt(10, 1000),
  // How often an ingest worker looks for sources that are due.
  POLL_TICK: duration('5s'),
  FETCH_TIMEOUT: duration('30s'),
  FETCH_CONNECT_TIMEOUT: duration('10s'),
  // Fetches one ingest worker runs at once, and fetches in flight per host across all of them.
  FETCH_CONCURRENCY: positiveInt(16, 1024),
  FETCH_PER_HOST: positiveInt(2, 1024),
  // Loopback, private and link-local addresses may be fetched (tests, intranets); off by default.
  FETCH_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((raw) => raw === 'true'),
  // Where hubs reach this deployment (WebSub callbacks); without it sources are only polled.
  PUBLIC_URL: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || /^https?:\/\/[^/]+/.test(raw), 'expected an http(s) URL such as https://news.example.com'),
  // What one api process lets a client hold (docs/scaling.md, "Connection limits"). Node keeps
  // these in 32-bit milliseconds and a timer; a day is far beyond any sensible value.
  HTTP_HEADERS_TIMEOUT: duration('10s', 86_400_000),
  HTTP_REQUEST_TIMEOUT: duration('60s', 86_400_000),
  HTTP_KEEP_ALIVE_TIMEOUT: duration('65s', 86_400_000),
  SSE_MAX_CLIENTS: positiveInt(5_000, 1_000_000),
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000, 600_000),
  HEARTBEAT_FILE: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;
