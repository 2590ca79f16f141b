import { describe, expect, it } from 'vitest';
import { formatIsoSecond, isoSecond } from './iso-second.ts';

describe('dates as the API prints them', () => {
  it('are ISO-8601 UTC at second precision, fractions cut', () => {
    expect(formatIsoSecond(Date.parse('2025-01-13T09:42:37.987Z'))).toBe('2025-01-13T09:42:37Z');
    expect(formatIsoSecond(new Date('2025-01-13T18:42:00+09:00'))).toBe('2025-01-13T09:42:00Z');
  });

  it('a missing or unreadable stored date prints as null', () => {
    expect(isoSecond(null)).toBeNull();
    expect(isoSecond(undefined)).toBeNull();
    expect(isoSecond('not a date')).toBeNull();
    expect(isoSecond('2025-01-13 09:42:00.5+00')).toBe('2025-01-13T09:42:00Z');
  });
});
