import { describe, expect, it } from 'vitest';
import { bucketsCovering, bucketsOfView, VISITOR_UNITS } from './visitor-buckets.ts';

const HOUR = VISITOR_UNITS.hour;
const DAY = VISITOR_UNITS.day;
const day0 = Date.UTC(2026, 11, 1);

const covered = (buckets: { unit: keyof typeof VISITOR_UNITS; startMs: number }[]) =>
  buckets.reduce((sum, b) => sum + VISITOR_UNITS[b.unit], 0);

describe('bucketsOfView', () => {
  it('puts a view in its minute, hour and day', () => {
    const t = day0 + 5 * HOUR + 7 * 60_000 + 1234;
    expect(bucketsOfView(t)).toEqual([
      { unit: 'minute', startMs: day0 + 5 * HOUR + 7 * 60_000 },
      { unit: 'hour', startMs: day0 + 5 * HOUR },
      { unit: 'day', startMs: day0 },
    ]);
  });
});

describe('bucketsCovering', () => {
  it('covers an hour-and-a-bit by minutes and an hour', () => {
    const from = day0 + 3 * HOUR + 50 * 60_000;
    const buckets = bucketsCovering(from, from + HOUR, -Infinity);
    expect(buckets.filter((b) => b.unit === 'minute')).toHaveLength(60);
    const aligned = bucketsCovering(day0 + 3 * HOUR, day0 + 4 * HOUR, -Infinity);
    expect(aligned).toEqual([{ unit: 'hour', startMs: day0 + 3 * HOUR }]);
  });

  it('covers seven days by whole days inside and hours at the edges, exactly', () => {
    const from = day0 + 13 * HOUR;
    const to = from + 7 * DAY;
    const buckets = bucketsCovering(from, to, -Infinity);
    expect(covered(buckets)).toBe(7 * DAY);
    expect(buckets.filter((b) => b.unit === 'day')).toHaveLength(6);
    expect(buckets.filter((b) => b.unit === 'hour')).toHaveLength(24);
    expect(buckets.length).toBeLessThan(40);
  });

  it('counts a part older than the hour sets by its whole day', () => {
    const from = day0 + 13 * HOUR;
    const to = from + 30 * DAY;
    const buckets = bucketsCovering(from, to, day0 + 20 * DAY);
    expect(buckets[0]).toEqual({ unit: 'day', startMs: day0 });
    expect(buckets.every((b) => b.unit !== 'minute')).toBe(true);
    expect(buckets.length).toBeLessThanOrEqual(31 + 13);
    expect(covered(buckets)).toBe(30 * DAY + 13 * HOUR);
  });

  it('is empty for an empty range', () => {
    expect(bucketsCovering(day0, day0, 0)).toEqual([]);
  });
});
