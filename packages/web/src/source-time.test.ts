import { describe, expect, it } from 'vitest';
import { formatSourceTime, sourceTimeZone, sourceZone } from './source-time.ts';

const seedInstant = new Date('2025-01-13T09:42:00Z');

describe('formatSourceTime', () => {
  it.each([
    ['Asia/Tokyo', '18:42 JST, January 13, 2025'],
    ['UTC', '09:42 UTC, January 13, 2025'],
    ['America/New_York', '04:42 EST, January 13, 2025'],
    ['Europe/Berlin', '10:42 CET, January 13, 2025'],
    ['Asia/Kolkata', '15:12 IST, January 13, 2025'],
    ['+09:00', '18:42 GMT+9, January 13, 2025'],
    ['-05:30', '04:12 GMT-5:30, January 13, 2025'],
  ])('prints the seed article time in %s as %s', (zone, expected) => {
    expect(formatSourceTime(seedInstant, zone)).toBe(expected);
  });

  it('uses the summer name when daylight saving time applies', () => {
    expect(formatSourceTime(new Date('2025-07-01T12:00:00Z'), 'Europe/London')).toBe('13:00 BST, July 1, 2025');
  });
});

describe('sourceTimeZone', () => {
  const article = { source: 'wire', language: null, url: null, dateline: null as string | null };
  it.each([
    [{ ...article }, {}, 'UTC'],
    [{ ...article, source: 'japan-news' }, { 'japan-news': 'Asia/Tokyo' }, 'Asia/Tokyo'],
    [{ ...article, language: 'ja-JP' }, {}, 'Asia/Tokyo'],
    [{ ...article, language: 'en' }, {}, 'UTC'],
    [{ ...article, url: 'https://www.example.co.kr/news/1' }, {}, 'Asia/Seoul'],
    [{ ...article, url: 'not a url' }, {}, 'UTC'],
    [{ ...article, language: 'ko', source: 'x' }, { x: 'Europe/Paris' }, 'Europe/Paris'],
    [{ ...article, dateline: '東京' }, {}, 'Asia/Tokyo'],
    [{ ...article, dateline: 'OSAKA', language: 'ko' }, {}, 'Asia/Tokyo'],
    [{ ...article, dateline: 'TOKYO' }, { wire: 'America/New_York' }, 'America/New_York'],
    [{ ...article, url: 'https://www.yomiuri.co.jp/' }, {}, 'Asia/Tokyo'],
    [{ ...article, dateline: 'SEOUL' }, {}, 'UTC'],
  ])('%j with %j is in %s', (input, configured, expected) => {
    expect(sourceTimeZone(input, configured)).toBe(expected);
  });
});

describe('sourceZone precedence', () => {
  const publishedAt = '2025-01-13T09:42:00Z';
  const article = {
    source: 'paper',
    language: null,
    url: null,
    dateline: null as string | null,
    timeZone: null as string | null,
    publishedAt,
  };

  it("the operator's zone for the source wins over the zone the article printed", () => {
    expect(sourceZone({ ...article, timeZone: 'Asia/Tokyo' }, { paper: 'Europe/Berlin' })).toEqual({
      timeZone: 'Europe/Berlin',
      basis: { kind: 'configured', source: 'paper' },
    });
  });

  it('the printed zone wins over the inferred one', () => {
    expect(sourceZone({ ...article, timeZone: 'Asia/Seoul', dateline: 'TOKYO', language: 'ja' }, {})).toEqual({
      timeZone: 'Asia/Seoul',
      basis: { kind: 'printed' },
    });
  });

  it('without a printed zone the inferred one applies, then UTC', () => {
    expect(sourceZone({ ...article, dateline: 'TOKYO' }, {})).toEqual({
      timeZone: 'Asia/Tokyo',
      basis: { kind: 'dateline', dateline: 'TOKYO' },
    });
    expect(sourceZone(article, {})).toEqual({ timeZone: 'UTC', basis: { kind: 'unknown' } });
  });

  it("a printed offset takes the inferred zone's name when that zone keeps the same clock", () => {
    expect(sourceZone({ ...article, timeZone: '+09:00', language: 'ja' }, {})).toEqual({
      timeZone: 'Asia/Tokyo',
      basis: { kind: 'printed', offset: '+09:00' },
    });
    expect(sourceZone({ ...article, timeZone: '+01:00', language: 'ja' }, {})).toEqual({ timeZone: '+01:00', basis: { kind: 'printed' } });
    expect(sourceZone({ ...article, timeZone: '+09:00' }, {})).toEqual({ timeZone: '+09:00', basis: { kind: 'printed' } });
  });

  it('a printed zone this runtime does not know falls back to the evidence', () => {
    expect(sourceZone({ ...article, timeZone: 'Mars/Olympus', dateline: 'TOKYO' }, {}).timeZone).toBe('Asia/Tokyo');
  });
});
