import { describe, expect, it } from 'vitest';
import { baselinePerHour, roundTrendingNumber, trendingBaselineHours, trendingScore } from './trending.ts';

const iso = (d: Date) => d.toISOString();

describe('trendingScore', () => {
  it.each([
    // r, e, score
    [40, 0, 40],
    [12, 12, 0],
    [30, 3, 13.5],
    [10, 15, -5 / 4],
    [0, 0, 0],
  ])('%d views against a baseline of %d an hour score %d', (r, e, score) => {
    expect(trendingScore(r, e)).toBeCloseTo(score, 9);
  });

  it('a small story tripling its audience outranks a big one gaining a tenth', () => {
    expect(trendingScore(30, 10)).toBeGreaterThan(trendingScore(1100, 1000));
  });

  it('the baseline is the views of 24 hours per hour', () => {
    expect(baselinePerHour(288)).toBe(12);
    expect(baselinePerHour(10)).toBeCloseTo(10 / 24, 12);
  });
});

describe('trendingBaselineHours', () => {
  it('are the 24 whole hours before the hour in which the 1h window starts', () => {
    // At 12:34:56 the 1h window starts at 11:35: the baseline is 11:00 the day before up to 11:00.
    const hours = trendingBaselineHours(Date.parse('2025-01-13T12:34:56Z'));
    expect(hours).toHaveLength(24);
    expect(iso(hours[0] as Date)).toBe('2025-01-12T11:00:00.000Z');
    expect(iso(hours[23] as Date)).toBe('2025-01-13T10:00:00.000Z');
    expect(hours.every((h, i) => i === 0 || h.getTime() - (hours[i - 1] as Date).getTime() === 3_600_000)).toBe(true);
  });

  it('move on when the window start crosses an hour, not when the clock does', () => {
    // At 12:59:59 the window starts at 12:00; at 12:00:30 it starts at 11:01.
    expect(iso(trendingBaselineHours(Date.parse('2025-01-13T12:59:59Z'))[23] as Date)).toBe('2025-01-13T11:00:00.000Z');
    expect(iso(trendingBaselineHours(Date.parse('2025-01-13T12:00:30Z'))[23] as Date)).toBe('2025-01-13T10:00:00.000Z');
  });
});

describe('roundTrendingNumber', () => {
  it.each([
    [13.4567, 13.457],
    [10 / 24, 0.417],
    [-1.25, -1.25],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('%d shows as %d', (value, shown) => {
    expect(roundTrendingNumber(value)).toBe(shown);
  });
});
