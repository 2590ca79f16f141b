import { describe, expect, it } from 'vitest';
import { formatIsoSecond, parseDate } from './dates.ts';

function iso(raw: string | number): string | null {
  const d = parseDate(raw);
  return d === null ? null : formatIsoSecond(d);
}

describe('parseDate', () => {
  it.each([
    ['Mon, 13 Jan 2025 18:42:00 +0900', '2025-01-13T09:42:00Z'],
    ['Mon, 13 Jan 2025 18:42:00 -0500', '2025-01-13T23:42:00Z'],
    ['Mon, 13 Jan 2025 18:42:00 +05:30', '2025-01-13T13:12:00Z'],
    ['13 Jan 2025 18:42 GMT', '2025-01-13T18:42:00Z'],
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Monday, 13 January 2025 18:42:00 UT', '2025-01-13T18:42:00Z'],
    ['Monday, 13-Jan-25 18:42:00 GMT', '2025-01-13T18:42:00Z'],
    ['Sun, 05 Dec 2010 12:00:00 Etc/GMT', '2010-12-05T12:00:00Z'],
    ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53Z'],
    ['Mon Jan 13 18:42:00 2025', '2025-01-13T18:42:00Z'],
    ['January 13, 2025 6:42 PM EST', '2025-01-13T23:42:00Z'],
    ['Mon, 13 Jan 2025 18:42:00 GMT+9', '2025-01-13T09:42:00Z'],
    ['Mon, 13 Jan 2025 18:42:00 UTC+09:00', '2025-01-13T09:42:00Z'],
    ['Mon, 13 Jan 2025 18:42:00 +0900 (JST)', '2025-01-13T09:42:00Z'],
  ])('reads the RFC 822 family: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ['Mon, 13 Jan 25 18:42:00 GMT', '2025-01-13T18:42:00Z'],
    ['Wed, 13 Jan 49 18:42:00 GMT', '2049-01-13T18:42:00Z'],
    ['Fri, 13 Jan 50 18:42:00 GMT', '1950-01-13T18:42:00Z'],
    ['Wed, 31 Dec 99 23:59:59 GMT', '1999-12-31T23:59:59Z'],
    ['Sat, 01 Jan 00 00:00:00 GMT', '2000-01-01T00:00:00Z'],
  ])('reads two-digit years as RFC 2822 says: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ['UT', '12:00:00Z'],
    ['GMT', '12:00:00Z'],
    ['Z', '12:00:00Z'],
    ['EST', '17:00:00Z'],
    ['EDT', '16:00:00Z'],
    ['CST', '18:00:00Z'],
    ['CDT', '17:00:00Z'],
    ['MST', '19:00:00Z'],
    ['MDT', '18:00:00Z'],
    ['PST', '20:00:00Z'],
    ['PDT', '19:00:00Z'],
    ['A', '11:00:00Z'],
    ['I', '03:00:00Z'],
    ['K', '02:00:00Z'],
    ['M', '00:00:00Z'],
    ['N', '13:00:00Z'],
    ['Y', '00:00:00Z'],
  ])('knows the obsolete RFC 822 zone %s', (zone, time) => {
    const expectedDay = zone === 'Y' ? '2025-01-14' : '2025-01-13';
    expect(iso(`Mon, 13 Jan 2025 12:00:00 ${zone}`)).toBe(`${expectedDay}T${time}`);
  });

  it.each([
    ['JST', '03:00'],
    ['KST', '03:00'],
    ['HKT', '04:00'],
    ['SGT', '04:00'],
    ['CET', '11:00'],
    ['CEST', '10:00'],
    ['EET', '10:00'],
    ['EEST', '09:00'],
    ['WET', '12:00'],
    ['WEST', '11:00'],
    ['BST', '11:00'],
    ['IST', '06:30'],
    ['MSK', '09:00'],
    ['AEST', '02:00'],
    ['AEDT', '01:00'],
    ['ACST', '02:30'],
    ['AWST', '04:00'],
    ['NZST', '00:00'],
    ['NZDT', '23:00'],
  ])('knows the regional zone %s', (zone, time) => {
    const day = zone === 'NZDT' ? '2025-01-12' : '2025-01-13';
    expect(iso(`13 Jan 2025 12:00:00 ${zone}`)).toBe(`${day}T${time}:00Z`);
  });

  it.each([
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'],
    ['2003-12-31T10:14:55.123Z', '2003-12-31T10:14:55Z'],
    ['2003-12-31T10:14:55-08:00', '2003-12-31T18:14:55Z'],
    ['2003-12-31T10:14:55+0100', '2003-12-31T09:14:55Z'],
    ['2003-12-31T10:14Z', '2003-12-31T10:14:00Z'],
    ['2003-12-31T10:14:55', '2003-12-31T10:14:55Z'],
    ['2003-12-31 10:14:55', '2003-12-31T10:14:55Z'],
    ['2003-12-31', '2003-12-31T00:00:00Z'],
    ['2003-12', '2003-12-01T00:00:00Z'],
    ['2003', '2003-01-01T00:00:00Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55Z'],
    ['2025-01-13 18:42:00 JST', '2025-01-13T09:42:00Z'],
    ['2025-01-13T18:42:00 KST', '2025-01-13T09:42:00Z'],
  ])('reads W3C-DTF / ISO 8601 (no zone means UTC): %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ['18:42 JST, January 13, 2025', '2025-01-13T09:42:00Z'],
    ['6:42 p.m. JST, January 13, 2025', '2025-01-13T09:42:00Z'],
    ['09:05 KST, Jan. 13, 2025', '2025-01-13T00:05:00Z'],
  ])('reads time-first news datelines: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each<[string | number, string]>([
    [1736761320, '2025-01-13T09:42:00Z'],
    [1736761320000, '2025-01-13T09:42:00Z'],
    ['1736761320', '2025-01-13T09:42:00Z'],
  ])('reads Unix epoch seconds and milliseconds: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each<[string | number]>([
    ['Mon, 31 Feb 2025 10:00:00 GMT'],
    ['2025-02-29'],
    ['2024-04-31T00:00:00Z'],
    ['0000-01-01T00:00:00Z'],
    ['2025-13-01'],
    ['2025-01-13T24:00:00Z'],
    ['2025-01-13T12:60:00Z'],
    ['Mon, 13 Jan 2025 18:42:00 XYZ'],
    ['13 Foo 2025'],
    ['yesterday'],
    [''],
    ['   '],
    ['2025-01-13T10:00:00+25:00'],
    [`Mon, 13 Jan 2025 18:42:00 GMT${' '.repeat(80)}x`],
    ['1'.repeat(100_000)],
    [Number.NaN],
    [-5],
  ])('refuses %j instead of guessing', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(iso('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00Z');
  });

  it('caps long input before any pattern runs, so hostile strings cost nothing', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) parseDate(`${'1 '.repeat(5000)}Jan`);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('parseDate with a zone for values that name none', () => {
  const inTokyo = (raw: string) => parseDate(raw, 'Asia/Tokyo')?.toISOString();
  it.each([
    ['January 13, 2025 18:42', '2025-01-13T09:42:00.000Z'],
    ['2025-01-13T18:42:00', '2025-01-13T09:42:00.000Z'],
    ['2025-01-13', '2025-01-12T15:00:00.000Z'],
    ['18:42 JST, January 13, 2025', '2025-01-13T09:42:00.000Z'],
    ['2025-01-13T18:42:00Z', '2025-01-13T18:42:00.000Z'],
    ['Mon, 13 Jan 2025 18:42:00 GMT', '2025-01-13T18:42:00.000Z'],
  ])('reads %j as %s', (raw, expected) => {
    expect(inTokyo(raw)).toBe(expected);
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(parseDate('July 1, 2025 12:00', 'Europe/Berlin')?.toISOString()).toBe('2025-07-01T10:00:00.000Z');
    expect(parseDate('January 1, 2025 12:00', 'Europe/Berlin')?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
  });

  it('reads a value without a zone as UTC when no zone is given', () => {
    expect(parseDate('January 13, 2025 18:42')?.toISOString()).toBe('2025-01-13T18:42:00.000Z');
  });
});

describe('formatIsoSecond', () => {
  it('drops milliseconds and writes Z', () => {
    expect(formatIsoSecond(new Date('2025-01-13T09:42:00.987Z'))).toBe('2025-01-13T09:42:00Z');
  });
});
