import { describe, expect, it } from 'vitest';
import { formatCount, formatSeconds, formatShare, niceCeiling } from './chart-numbers.ts';

describe('chart numbers', () => {
  it.each([
    [0, 1],
    [0.4, 0.5],
    [1, 1],
    [7, 10],
    [17, 20],
    [42, 50],
    [101, 200],
    [5000, 5000],
  ])('an axis for a maximum of %s tops out at %s', (max, top) => {
    expect(niceCeiling(max)).toBe(top);
  });

  it('formats counts, times and shares as people read them', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatSeconds(42.4)).toBe('42 s');
    expect(formatSeconds(185)).toBe('3 min 05 s');
    expect(formatSeconds(3720)).toBe('1 h 02 min');
    expect(formatShare(1, 3)).toBe('33%');
    expect(formatShare(1, 1000)).toBe('<1%');
    expect(formatShare(0, 0)).toBe('0%');
  });
});
