import { describe, expect, it } from 'vitest';
import type { FeedCadence, PollResult } from '../contract.ts';
import { planNextPoll, type PollInput } from './plan-next-poll.ts';

// A Monday, noon GMT.
const NOW = new Date('2025-01-13T12:00:00Z');
const MIN = 300;
const MAX = 86_400;
const BOUNDS = { minSeconds: MIN, maxSeconds: MAX, maxFailures: 10 };
const HOUR = 3600;

const hoursAgo = (...hours: number[]) => hours.map((h) => new Date(NOW.getTime() - h * HOUR * 1000));
const cadence = (over: Partial<FeedCadence> = {}): FeedCadence => ({
  entryDates: [],
  ttlMinutes: null,
  updatePeriod: null,
  updateFrequency: null,
  skipHours: [],
  skipDays: [],
  ...over,
});
const changed = (over: Partial<FeedCadence> = {}, maxAgeSeconds: number | null = null): PollResult => ({
  kind: 'changed',
  cadence: cadence(over),
  maxAgeSeconds,
});
const failed = (reason: 'timeout' | 'rate-limited' | 'gone' | 'http-error', retryAfterSeconds: number | null = null): PollResult => ({
  kind: 'failed',
  reason,
  message: `${reason} happened`,
  status: null,
  retryAfterSeconds,
});

const plan = (result: PollResult, previous: Partial<PollInput['previous']> = {}, random = 0.5, bounds = BOUNDS) =>
  planNextPoll({
    previous: { intervalSeconds: 1800, consecutiveFailures: 0, websubActive: false, ...previous },
    result,
    bounds,
    now: NOW,
    random: () => random,
  });
const delayOf = (p: { nextFetchAt: Date }) => (p.nextFetchAt.getTime() - NOW.getTime()) / 1000;

describe('planNextPoll after a changed feed', () => {
  it.each([
    // 14 entries in the week, and an older one showing the document covers the whole week: 7 d / 14.
    ['two a day over a full week', hoursAgo(...Array.from({ length: 14 }, (_, i) => 6 + i * 12), 400), 43_200],
    // 20 entries in the last 5 hours of a 20-item document: measured over the 5 hours.
    ['a busy feed cut by its item limit', hoursAgo(...Array.from({ length: 20 }, (_, i) => (i + 1) * 0.25)), 900],
    ['a flood of entries in the last hour, clamped to the minimum', hoursAgo(...Array.from({ length: 50 }, (_, i) => i / 50)), MIN],
    ['one recent entry: a week / 1, clamped to the maximum', hoursAgo(2), MAX],
    ['nothing in the last week', hoursAgo(200, 300, 400), MAX],
    ['no dates at all', [], MAX],
    ['ten in a week', hoursAgo(...Array.from({ length: 10 }, (_, i) => 1 + i * 16), 200), 60_480],
    ['three in a week, clamped to the maximum', hoursAgo(24, 72, 120, 200), MAX],
    ['unreadable dates are ignored', [new Date(Number.NaN), ...hoursAgo(...Array.from({ length: 10 }, (_, i) => 1 + i * 16), 200)], 60_480],
  ])('%s', (_name, entryDates, interval) => {
    const p = plan(changed({ entryDates }));
    expect(p).toMatchObject({ status: 'ok', intervalSeconds: interval, consecutiveFailures: 0, lastError: null });
    expect(delayOf(p)).toBe(interval);
  });

  const busy = hoursAgo(...Array.from({ length: 50 }, (_, i) => i / 50));
  it.each([
    ['ttl of 60 minutes', changed({ entryDates: busy, ttlMinutes: 60 }), 3600],
    ['sy:updatePeriod hourly, twice', changed({ entryDates: busy, updatePeriod: 'hourly', updateFrequency: 2 }), 1800],
    ['sy:updatePeriod daily without a frequency', changed({ entryDates: busy, updatePeriod: 'daily' }), 86_400],
    ['sy:updateFrequency 0 read as 1', changed({ entryDates: busy, updatePeriod: 'hourly', updateFrequency: 0 }), 3600],
    ['sy:updatePeriod weekly, clamped to the maximum', changed({ entryDates: busy, updatePeriod: 'weekly' }), MAX],
    ['Cache-Control max-age of 2 hours', changed({ entryDates: busy }, 7200), 7200],
    [
      'the largest of ttl, sy and max-age',
      changed({ entryDates: busy, ttlMinutes: 30, updatePeriod: 'hourly', updateFrequency: 4 }, 2400),
      2400,
    ],
    [
      'a ttl below the posting rate changes nothing',
      changed({ entryDates: hoursAgo(...Array.from({ length: 20 }, (_, i) => (i + 1) * 0.25)), ttlMinutes: 5 }),
      900,
    ],
  ])('respects %s', (_name, result, interval) => {
    expect(plan(result).intervalSeconds).toBe(interval);
  });

  it('polls at the maximum while a WebSub subscription is live', () => {
    expect(plan(changed({ entryDates: busy }), { websubActive: true }).intervalSeconds).toBe(MAX);
  });

  it('moves the next fetch past skipHours, in GMT', () => {
    const p = plan(changed({ entryDates: busy, skipHours: [12, 13] }));
    expect(p.intervalSeconds).toBe(MIN);
    expect(p.nextFetchAt.toISOString()).toBe('2025-01-13T14:00:00.000Z');
  });

  it('moves the next fetch past skipDays to the next midnight GMT, then past skipHours', () => {
    const p = plan(changed({ entryDates: busy, skipDays: [1], skipHours: [0, 1] }));
    expect(p.nextFetchAt.toISOString()).toBe('2025-01-14T02:00:00.000Z');
  });

  it('skips a weekend as a whole', () => {
    const friday = new Date('2025-01-17T23:58:00Z');
    const p = planNextPoll({
      previous: { intervalSeconds: null, consecutiveFailures: 0, websubActive: false },
      result: changed({ entryDates: [], skipDays: [6, 0] }),
      bounds: { ...BOUNDS, maxSeconds: 600 },
      now: friday,
    });
    expect(p.nextFetchAt.toISOString()).toBe('2025-01-20T00:00:00.000Z');
  });

  it('ignores skip rules that skip every hour or every day', () => {
    const all = Array.from({ length: 24 }, (_, h) => h);
    expect(delayOf(plan(changed({ entryDates: busy, skipHours: all })))).toBe(MIN);
    expect(delayOf(plan(changed({ entryDates: busy, skipDays: [0, 1, 2, 3, 4, 5, 6] })))).toBe(MIN);
  });

  it('clears the failures and the error of a failing source', () => {
    expect(plan(changed({ entryDates: busy }), { consecutiveFailures: 7 })).toMatchObject({
      status: 'ok',
      consecutiveFailures: 0,
      lastError: null,
    });
  });
});

describe('planNextPoll after a 304', () => {
  const notModified = (maxAgeSeconds: number | null = null): PollResult => ({ kind: 'not-modified', maxAgeSeconds });

  it('keeps the interval in use', () => {
    const p = plan(notModified(), { intervalSeconds: 1800 });
    expect(p).toMatchObject({ status: 'ok', intervalSeconds: 1800, consecutiveFailures: 0, lastError: null });
    expect(delayOf(p)).toBe(1800);
  });

  it.each([
    ['a source never planned starts at the minimum', { intervalSeconds: null }, notModified(), MIN],
    ['an interval below the bounds is raised', { intervalSeconds: 10 }, notModified(), MIN],
    ['an interval above the bounds is lowered', { intervalSeconds: 10 * MAX }, notModified(), MAX],
    ['a longer max-age lengthens it', { intervalSeconds: 1800 }, notModified(7200), 7200],
    ['a shorter max-age does not shorten it', { intervalSeconds: 1800 }, notModified(60), 1800],
    ['a live WebSub subscription sets the maximum', { intervalSeconds: 1800, websubActive: true }, notModified(), MAX],
  ])('%s', (_name, previous, result, interval) => {
    expect(plan(result, previous).intervalSeconds).toBe(interval);
  });

  it('clears the failures of a failing source', () => {
    expect(plan(notModified(), { consecutiveFailures: 3 })).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
  });
});

describe('planNextPoll after a failure', () => {
  it('backs off exponentially from the minimum up to the maximum', () => {
    const patient = { ...BOUNDS, maxFailures: 100 };
    const delays = [0, 1, 2, 3, 4, 5, 8, 9, 60].map((before) =>
      delayOf(plan(failed('timeout'), { consecutiveFailures: before }, 0.5, patient)),
    );
    expect(delays).toEqual([300, 600, 1200, 2400, 4800, 9600, 76_800, MAX, MAX]);
  });

  it('jitters the delay by up to a quarter either way, within the bounds', () => {
    expect(delayOf(plan(failed('timeout'), { consecutiveFailures: 2 }, 0))).toBe(900);
    expect(delayOf(plan(failed('timeout'), { consecutiveFailures: 2 }, 0.999))).toBe(1499);
    expect(delayOf(plan(failed('timeout'), { consecutiveFailures: 0 }, 0))).toBe(MIN);
    const patient = { ...BOUNDS, maxFailures: 100 };
    expect(delayOf(plan(failed('timeout'), { consecutiveFailures: 20 }, 0.999, patient))).toBe(MAX);
    expect(delayOf(plan(failed('timeout'), { consecutiveFailures: 20 }, 0, patient))).toBe(MAX * 0.75);
  });

  it('counts the failure, keeps the polling interval and says what went wrong', () => {
    expect(plan(failed('timeout'), { consecutiveFailures: 2, intervalSeconds: 1800 })).toMatchObject({
      status: 'failing',
      intervalSeconds: 1800,
      consecutiveFailures: 3,
      lastError: 'timeout happened',
    });
  });

  it('waits at least the Retry-After a failure carries', () => {
    expect(delayOf(plan(failed('http-error', 5000)))).toBe(5000);
    expect(delayOf(plan(failed('http-error', 10)))).toBe(MIN);
  });

  it('disables the source at the maximum number of failures in a row, and says why', () => {
    expect(plan(failed('timeout'), { consecutiveFailures: 8 }).status).toBe('failing');
    const p = plan(failed('timeout'), { consecutiveFailures: 9 });
    expect(p).toMatchObject({
      status: 'disabled',
      consecutiveFailures: 10,
      lastError: 'disabled after 10 failed fetches in a row; the last: timeout happened',
    });
  });

  it('disables a gone source at once', () => {
    expect(plan(failed('gone'))).toMatchObject({ status: 'disabled', consecutiveFailures: 1, lastError: 'gone happened' });
  });

  it('a failed manual refresh of a disabled source keeps it disabled', () => {
    expect(plan(failed('timeout'), { consecutiveFailures: 10 }).status).toBe('disabled');
  });
});

describe('planNextPoll when rate limited', () => {
  it('does not count toward disabling the source', () => {
    expect(plan(failed('rate-limited', 600), { consecutiveFailures: 9 })).toMatchObject({
      status: 'failing',
      consecutiveFailures: 9,
      lastError: 'rate-limited happened',
    });
    expect(plan(failed('rate-limited', 600))).toMatchObject({ status: 'ok', consecutiveFailures: 0, intervalSeconds: 1800 });
  });

  it.each([
    ['honours Retry-After', 7200, 7200],
    ['raises a Retry-After below the minimum to it', 30, MIN],
    ['lowers a Retry-After beyond the maximum to it', 10 * MAX, MAX],
    ['without Retry-After waits twice the interval', null, 3600],
  ])('%s', (_name, retryAfter, delay) => {
    expect(delayOf(plan(failed('rate-limited', retryAfter), { intervalSeconds: 1800 }))).toBe(delay);
  });
});
