import { describe, expect, it } from 'vitest';
import {
  RANKING_WINDOWS,
  bucketStart,
  isAcceptableEventTime,
  longestWindowMs,
  parseWindow,
  resolutionForWindow,
  windowBucketRange,
  windowMs,
} from './windows.ts';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('parseWindow', () => {
  it.each([
    ['1h', '1h'],
    ['24h', '24h'],
    ['7d', '7d'],
    ['30d', '30d'],
    ['24H', null],
    [' 24h', null],
    ['2h', null],
    ['', null],
    ['toString', null],
    [undefined, null],
    [24, null],
  ])('reads %j as %j', (input, expected) => {
    expect(parseWindow(input)).toBe(expected);
  });
});

describe('window lengths and resolutions', () => {
  it.each([
    ['1h', HOUR, 'minute'],
    ['24h', 24 * HOUR, 'hour'],
    ['7d', 168 * HOUR, 'hour'],
    ['30d', 720 * HOUR, 'hour'],
  ] as const)('%s lasts %i ms and is counted in %s buckets', (w, ms, resolution) => {
    expect(windowMs(w)).toBe(ms);
    expect(resolutionForWindow(w)).toBe(resolution);
  });

  it('the longest window is 30 days', () => {
    expect(longestWindowMs).toBe(30 * 24 * HOUR);
    expect(RANKING_WINDOWS.every((w) => windowMs(w) <= longestWindowMs)).toBe(true);
  });
});

describe('bucketStart', () => {
  it.each([
    ['2025-01-13T09:42:37.123Z', 'minute', '2025-01-13T09:42:00.000Z'],
    ['2025-01-13T09:42:37.123Z', 'hour', '2025-01-13T09:00:00.000Z'],
    ['2025-01-13T09:00:00.000Z', 'hour', '2025-01-13T09:00:00.000Z'],
    ['2025-01-13T09:59:59.999Z', 'hour', '2025-01-13T09:00:00.000Z'],
    // The night European clocks jump forward: UTC buckets do not notice.
    ['2025-03-30T01:30:00.000Z', 'hour', '2025-03-30T01:00:00.000Z'],
    ['1969-12-31T23:59:30.000Z', 'minute', '1969-12-31T23:59:00.000Z'],
  ] as const)('%s falls in the %s bucket starting %s', (t, resolution, expected) => {
    expect(bucketStart(at(t), resolution).toISOString()).toBe(expected);
    expect(bucketStart(at(t).getTime(), resolution).toISOString()).toBe(expected);
  });

  it('refuses an invalid date instead of producing an Invalid Date bucket', () => {
    expect(() => bucketStart(new Date('nope'), 'minute')).toThrow(RangeError);
    expect(() => bucketStart(Number.NaN, 'hour')).toThrow(RangeError);
  });
});

describe('windowBucketRange', () => {
  it.each([
    ['1h', '2025-01-13T09:42:37Z', 'minute', '2025-01-13T08:43:00.000Z', '2025-01-13T09:43:00.000Z'],
    ['1h', '2025-01-13T09:42:00Z', 'minute', '2025-01-13T08:43:00.000Z', '2025-01-13T09:43:00.000Z'],
    ['24h', '2025-01-13T09:42:37Z', 'hour', '2025-01-12T10:00:00.000Z', '2025-01-13T10:00:00.000Z'],
    ['7d', '2025-01-13T09:42:37Z', 'hour', '2025-01-06T10:00:00.000Z', '2025-01-13T10:00:00.000Z'],
    ['30d', '2025-03-01T00:00:00Z', 'hour', '2025-01-30T01:00:00.000Z', '2025-03-01T01:00:00.000Z'],
  ] as const)('%s at %s sums %s buckets from %s up to %s', (w, now, resolution, from, to) => {
    const range = windowBucketRange(w, at(now));
    expect(range.resolution).toBe(resolution);
    expect(range.fromInclusive.toISOString()).toBe(from);
    expect(range.toExclusive.toISOString()).toBe(to);
  });

  it.each(RANKING_WINDOWS)('the %s window spans exactly its length and includes the current bucket', (w) => {
    const now = at('2025-01-13T09:42:37Z');
    const { fromInclusive, toExclusive, resolution } = windowBucketRange(w, now);
    expect(toExclusive.getTime() - fromInclusive.getTime()).toBe(windowMs(w));
    expect(bucketStart(now, resolution).getTime()).toBeLessThan(toExclusive.getTime());
    expect(bucketStart(now, resolution).getTime()).toBeGreaterThanOrEqual(fromInclusive.getTime());
  });

  it('a view 23h30m ago is in the 24h list, one 24h30m ago is not', () => {
    const now = at('2025-01-13T09:42:37Z').getTime();
    const { fromInclusive } = windowBucketRange('24h', now);
    const bucketOf = (ago: number) => bucketStart(now - ago, 'hour').getTime();
    expect(bucketOf(23.5 * HOUR)).toBeGreaterThanOrEqual(fromInclusive.getTime());
    expect(bucketOf(24.5 * HOUR)).toBeLessThan(fromInclusive.getTime());
  });
});

describe('isAcceptableEventTime', () => {
  const now = at('2025-01-13T09:00:00Z');
  it.each([
    ['a view happening now', 0, 'ok'],
    ['a view from an hour ago', -HOUR, 'ok'],
    ['a view from a clock 59 s fast', 59_000, 'ok'],
    ['a view from a clock exactly 60 s fast', 60_000, 'ok'],
    ['a view 61 s in the future', 61_000, 'future'],
    ['a view exactly 30 days old', -720 * HOUR, 'ok'],
    ['a view 30 days and 1 ms old', -720 * HOUR - 1, 'too-old'],
  ] as const)('%s is %s', (_name, offset, expected) => {
    expect(isAcceptableEventTime(new Date(now.getTime() + offset), now)).toBe(expected);
  });

  it('a custom skew allowance is honoured', () => {
    expect(isAcceptableEventTime(now.getTime() + 5_000, now, { maxSkewMs: 1_000 })).toBe('future');
    expect(isAcceptableEventTime(now.getTime() + 500, now, { maxSkewMs: 1_000 })).toBe('ok');
  });

  it('a dedup horizon shorter than the longest window is the age limit instead', () => {
    expect(isAcceptableEventTime(now.getTime() - 2 * HOUR, now, { dedupRetentionMs: HOUR })).toBe('past-dedup-horizon');
    expect(isAcceptableEventTime(now.getTime() - HOUR, now, { dedupRetentionMs: HOUR })).toBe('ok');
    expect(isAcceptableEventTime(now.getTime() - 720 * HOUR - 1, now, { dedupRetentionMs: 1000 * HOUR })).toBe('too-old');
  });

  it('refuses an invalid occurredAt', () => {
    expect(() => isAcceptableEventTime(new Date('nope'), now)).toThrow(RangeError);
  });
});
