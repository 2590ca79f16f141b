import { describe, expect, it } from 'vitest';
import { inferTimeZone, isJapaneseDateline, zoneOffsetAt, zoneOffsetForLocalTime } from './time-zone-evidence.ts';

const none = { dateline: null, language: null, url: null };

describe('isJapaneseDateline', () => {
  it.each(['TOKYO', 'Tokyo', '東京', 'OSAKA', '那覇', 'TOKYO, Japan', '東京＝共同'])('%s is in Japan', (dateline) => {
    expect(isJapaneseDateline(dateline)).toBe(true);
  });
  it.each(['SEOUL', 'WASHINGTON', 'NEW YORK', 'ソウル', '', null])('%s is not', (dateline) => {
    expect(isJapaneseDateline(dateline)).toBe(false);
  });
});

describe('inferTimeZone', () => {
  it('reads Japan time from a Japanese dateline, and says so', () => {
    expect(inferTimeZone({ ...none, dateline: '東京' })).toEqual({
      timeZone: 'Asia/Tokyo',
      evidence: { kind: 'dateline', dateline: '東京' },
    });
    expect(inferTimeZone({ ...none, dateline: 'TOKYO' })?.timeZone).toBe('Asia/Tokyo');
  });

  it('reads Japan time from a .jp host', () => {
    expect(inferTimeZone({ ...none, url: 'https://japannews.yomiuri.co.jp/politics/1' })).toEqual({
      timeZone: 'Asia/Tokyo',
      evidence: { kind: 'domain', domain: '.jp' },
    });
  });

  it('prefers the dateline to the language and the language to the domain', () => {
    expect(inferTimeZone({ dateline: 'TOKYO', language: 'ko', url: 'https://news.example.de/' })?.evidence.kind).toBe('dateline');
    expect(inferTimeZone({ dateline: 'SEOUL', language: 'ko-KR', url: 'https://news.example.de/' })).toEqual({
      timeZone: 'Asia/Seoul',
      evidence: { kind: 'language', language: 'ko' },
    });
  });

  it('infers nothing from a foreign dateline, another language or a generic domain', () => {
    expect(inferTimeZone({ dateline: 'SEOUL', language: 'en', url: 'https://news.example.com/' })).toBeNull();
    expect(inferTimeZone({ ...none, url: 'not a url' })).toBeNull();
    expect(inferTimeZone(none)).toBeNull();
  });
});

describe('zoneOffsetForLocalTime', () => {
  const local = (iso: string) => Date.parse(`${iso}Z`);
  it.each([
    ['2025-01-13T18:42:00', 'Asia/Tokyo', 540],
    ['2025-07-01T12:00:00', 'Europe/Berlin', 120],
    ['2025-01-01T12:00:00', 'Europe/Berlin', 60],
    ['2025-03-30T01:59:00', 'Europe/Berlin', 60],
    ['2025-03-30T03:00:00', 'Europe/Berlin', 120],
    ['2025-11-02T12:00:00', 'America/New_York', -300],
    ['2025-01-13T09:42:00', 'UTC', 0],
  ])('%s in %s is %i minutes east of UTC', (wall, zone, expected) => {
    expect(zoneOffsetForLocalTime(local(wall), zone)).toBe(expected);
  });
});

describe('zoneOffsetAt', () => {
  it('reads the offset in force at an instant, fixed-offset zones included', () => {
    expect(zoneOffsetAt(Date.parse('2025-01-13T09:42:00Z'), 'Asia/Tokyo')).toBe(540);
    expect(zoneOffsetAt(Date.parse('2025-07-01T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetAt(Date.parse('2025-07-01T12:00:00Z'), '+05:30')).toBe(330);
  });
});
