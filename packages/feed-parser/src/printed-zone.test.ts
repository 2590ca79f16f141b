import { describe, expect, it } from 'vitest';
import { parseDateReading } from './dates.ts';
import { fixedOffsetZone, printedTimeZone } from './printed-zone.ts';

const zoneOf = (raw: string, naive?: string) => parseDateReading(raw, naive)?.timeZone;

describe('the zone a date was printed in', () => {
  it.each([
    ['18:42 JST, January 13, 2025', 'Asia/Tokyo'],
    ['18:42 KST, January 13, 2025', 'Asia/Seoul'],
    ['Mon, 13 Jan 2025 04:42:00 EST', 'America/New_York'],
    ['Sun, 13 Jul 2025 10:00:00 BST', 'Europe/London'],
    ['Mon, 13 Jan 2025 10:42:00 CET', 'CET'],
    ['2025-07-13 11:00:00 CEST', 'CET'],
    ['January 13, 2025 8:42 PM AEDT', 'Australia/Sydney'],
    ['Mon, 13 Jan 2025 18:42:00 +0900 (JST)', 'Asia/Tokyo'],
  ])('%s names %s', (raw, zone) => {
    expect(zoneOf(raw)).toBe(zone);
  });

  it.each([
    ['Mon, 13 Jan 2025 18:42:00 +0900', '+09:00'],
    ['2025-01-13T18:42:00+09:00', '+09:00'],
    ['2025-01-13T04:12:00-0530', '-05:30'],
    ['2025-01-13T18:42:00+09', '+09:00'],
    ['January 13, 2025 18:42 GMT+9', '+09:00'],
  ])('the offset of %s is kept as %s', (raw, zone) => {
    expect(zoneOf(raw)).toBe(zone);
  });

  it('an ambiguous abbreviation keeps the offset it was read with, not a place', () => {
    expect(zoneOf('Mon, 13 Jan 2025 03:42:00 CST')).toBe('-06:00');
    expect(zoneOf('Mon, 13 Jan 2025 15:12:00 IST')).toBe('+05:30');
  });

  it("an abbreviation that is not its zone's rule at that moment keeps the offset", () => {
    // New York is on EDT in July; a page printing EST then means UTC−5, not New York time.
    expect(zoneOf('Sun, 13 Jul 2025 10:00:00 EST')).toBe('-05:00');
    expect(zoneOf('Mon, 13 Jan 2025 18:42:00 +0900 EST')).toBe('+09:00');
  });

  it.each([
    ['18:42, January 13, 2025'],
    ['2025-01-13T18:42:00'],
    ['2025-01-13'],
    ['Mon, 13 Jan 2025 09:42:00 GMT'],
    ['2025-01-13T09:42:00Z'],
    ['2025-01-13T09:42:00+00:00'],
    ['1736761320'],
  ])('%s prints no zone', (raw) => {
    expect(zoneOf(raw)).toBeNull();
  });

  it('a zone-less time read in an inferred zone still printed none', () => {
    const reading = parseDateReading('18:42, January 13, 2025', 'Asia/Tokyo');
    expect(reading?.date.toISOString()).toBe('2025-01-13T09:42:00.000Z');
    expect(reading?.timeZone).toBeNull();
  });

  it('an unreadable date has no reading at all', () => {
    expect(parseDateReading('18:42 XYZ, January 13, 2025')).toBeNull();
  });
});

describe('fixed-offset zones', () => {
  it('are written as Intl.DateTimeFormat accepts them', () => {
    expect([540, -330, 0, 345].map(fixedOffsetZone)).toEqual(['+09:00', '-05:30', '+00:00', '+05:45']);
    const format = (timeZone: string) =>
      new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date('2025-01-13T09:42:00Z'),
      );
    expect(format(fixedOffsetZone(540))).toBe('18:42');
    expect(format(fixedOffsetZone(-330))).toBe('04:12');
  });

  it('UTC in any spelling is not recorded', () => {
    expect(printedTimeZone('GMT', 0, new Date('2025-01-13T09:42:00Z'))).toBeNull();
    expect(printedTimeZone('+0000', 0, new Date('2025-01-13T09:42:00Z'))).toBeNull();
  });
});
