import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '@newsrank/queue';
import { clientAddressKey } from './client-address.ts';
import { HttpError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests per client address per minute; 0 turns limiting off. */
  perMinute: number;
  /** The API's producer connection: it fails at once while Redis is away instead of queueing. */
  redis: RedisClient;
  /** Shared by every replica of one deployment, so the budget is the address's, not the replica's. */
  keyPrefix: string;
  /** Requests that do not count, such as publishers presenting a valid ingest token. */
  isExempt(req: Request): boolean;
  onLimited(): void;
}

const WINDOW_SECONDS = 60;
/** Longer than a healthy Redis round trip by far, short enough that a hung Redis is not felt. */
const REDIS_TIMEOUT_MS = 250;
const FAIL_OPEN_LOG_EVERY_MS = 60_000;

/**
 * A fixed one-minute window per client address, counted in Redis by one atomic script. When
 * Redis cannot answer in time the request goes through (fail open): readers keep being served
 * during a Redis outage, which is what the limit exists to protect in the first place.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  if (options.perMinute === 0) return (_req, _res, next) => next();
  const limiter = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: options.keyPrefix,
    points: options.perMinute,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    // An address already over its budget is refused from memory until its window ends.
    inMemoryBlockOnConsumed: options.perMinute + 1,
  });
  let lastFailOpenLogAt = 0;

  return async (req, res, next) => {
    if (options.isExempt(req)) return next();
    let verdict: RateLimiterRes;
    try {
      verdict = await consumeWithin(limiter, clientAddressKey(req.ip), REDIS_TIMEOUT_MS);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        options.onLimited();
        const retryAfter = secondsUntilReset(refusal);
        setRateLimitHeaders(res, options.perMinute, refusal);
        throw new HttpError(
          429,
          'rate_limited',
          `more than ${options.perMinute} requests a minute from this address; retry in ${retryAfter} s`,
          {
            'retry-after': String(retryAfter),
          },
        );
      }
      if (Date.now() - lastFailOpenLogAt > FAIL_OPEN_LOG_EVERY_MS) {
        lastFailOpenLogAt = Date.now();
        req.log.warn({ err: refusal }, 'rate limiter cannot reach Redis; letting requests through');
      }
      return next();
    }
    setRateLimitHeaders(res, options.perMinute, verdict);
    next();
  };
}

function consumeWithin(limiter: RateLimiterRedis, key: string, ms: number): Promise<RateLimiterRes> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([limiter.consume(key), timeout]).finally(() => clearTimeout(timer));
}

const secondsUntilReset = (verdict: RateLimiterRes) => Math.max(1, Math.ceil(verdict.msBeforeNext / 1000));

/** The IETF RateLimit header fields (draft 6 names, as most clients read them). */
function setRateLimitHeaders(res: Response, limit: number, verdict: RateLimiterRes): void {
  res.set({
    'ratelimit-policy': `${limit};w=${WINDOW_SECONDS}`,
    'ratelimit-limit': String(limit),
    'ratelimit-remaining': String(verdict.remainingPoints),
    'ratelimit-reset': String(secondsUntilReset(verdict)),
  });
}
