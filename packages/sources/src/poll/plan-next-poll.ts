import type { PollBounds, PollPlan, PollResult } from '../contract.ts';
import { clamp, declaredMinimumSeconds, entryIntervalSeconds } from './feed-interval.ts';
import { outsideSkipTimes } from './skip-times.ts';

export interface PollInput {
  previous: {
    /** The interval in use before this fetch; null for a source never planned. */
    intervalSeconds: number | null;
    consecutiveFailures: number;
    /** A WebSub subscription is live: the hub pushes, polling is only a safety net. */
    websubActive: boolean;
  };
  result: PollResult;
  bounds: PollBounds;
  now: Date;
  /** Jitter source in [0, 1); Math.random by default. */
  random?: () => number;
}

/** Share of the backoff delay the jitter moves it by, either way. */
const JITTER = 0.25;
/** 2^40 times any sane minimum is past any maximum: stops the power growing without end. */
const MAX_BACKOFF_EXPONENT = 40;

/**
 * When to fetch a source next and how healthy it is, from how the fetch just made went (pure;
 * docs/sources.md gives the rules in full).
 */
export function planNextPoll(input: PollInput): PollPlan {
  const { previous, result, now } = input;
  const min = Math.max(1, input.bounds.minSeconds);
  const max = Math.max(min, input.bounds.maxSeconds);
  const inUse = clamp(previous.intervalSeconds ?? min, min, max);
  const after = (seconds: number) => new Date(now.getTime() + Math.round(seconds) * 1000);

  switch (result.kind) {
    case 'changed': {
      const { cadence } = result;
      const rate = entryIntervalSeconds(cadence.entryDates, now) ?? max;
      const wanted = previous.websubActive ? max : Math.max(rate, declaredMinimumSeconds(cadence, result.maxAgeSeconds));
      const interval = Math.round(clamp(wanted, min, max));
      return healthy(interval, outsideSkipTimes(after(interval), cadence.skipHours, cadence.skipDays));
    }
    case 'not-modified': {
      // A 304 says nothing new about the posting rate: the interval stands, within max-age.
      const wanted = previous.websubActive ? max : Math.max(inUse, declaredMinimumSeconds(null, result.maxAgeSeconds));
      const interval = Math.round(clamp(wanted, min, max));
      return healthy(interval, after(interval));
    }
    case 'failed':
      break;
  }

  if (result.reason === 'rate-limited') {
    // Being told to slow down is not the source failing: no count toward disabling it.
    const wait = result.retryAfterSeconds !== null ? result.retryAfterSeconds : inUse * 2;
    return {
      status: previous.consecutiveFailures > 0 ? 'failing' : 'ok',
      intervalSeconds: inUse,
      nextFetchAt: after(clamp(wait, min, max)),
      consecutiveFailures: previous.consecutiveFailures,
      lastError: result.message,
    };
  }

  const failures = previous.consecutiveFailures + 1;
  if (result.reason === 'gone') {
    return {
      status: 'disabled',
      intervalSeconds: inUse,
      nextFetchAt: after(max),
      consecutiveFailures: failures,
      lastError: result.message,
    };
  }
  if (failures >= input.bounds.maxFailures) {
    return {
      status: 'disabled',
      intervalSeconds: inUse,
      nextFetchAt: after(max),
      consecutiveFailures: failures,
      lastError: `disabled after ${failures} failed fetches in a row; the last: ${result.message}`,
    };
  }
  const backoff = Math.min(max, min * 2 ** Math.min(failures - 1, MAX_BACKOFF_EXPONENT));
  const random = input.random ?? Math.random;
  let delay = clamp(backoff * (1 - JITTER + 2 * JITTER * random()), min, max);
  if (result.retryAfterSeconds !== null) delay = Math.max(delay, clamp(result.retryAfterSeconds, min, max));
  return { status: 'failing', intervalSeconds: inUse, nextFetchAt: after(delay), consecutiveFailures: failures, lastError: result.message };
}

function healthy(intervalSeconds: number, nextFetchAt: Date): PollPlan {
  return { status: 'ok', intervalSeconds, nextFetchAt, consecutiveFailures: 0, lastError: null };
}
