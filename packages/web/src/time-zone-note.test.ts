import { describe, expect, it } from 'vitest';
import { sourceZone } from './source-time.ts';
import { timeZoneNote } from './time-zone-note.ts';

const instant = new Date('2025-01-13T09:42:00Z');
const plainText = { source: 'japan-news', language: null, url: null, dateline: null };

describe('timeZoneNote', () => {
  it.each([
    [{ ...plainText, dateline: '東京' }, {}, 'Times in Japan Standard Time (JST), from the dateline 東京.'],
    [
      { ...plainText, url: 'https://japannews.yomiuri.co.jp/politics/1' },
      {},
      "Times in Japan Standard Time (JST), from the source's .jp address.",
    ],
    [{ ...plainText, language: 'ko' }, {}, "Times in Korean Standard Time (KST), from the article's language (ko)."],
    [
      { ...plainText, dateline: 'TOKYO' },
      { 'japan-news': 'Europe/Berlin' },
      'Times in Central European Standard Time (CET), the time zone of japan-news.',
    ],
    [{ ...plainText, dateline: 'SEOUL' }, {}, "Times in Coordinated Universal Time (UTC): the source's time zone is not known."],
    [{ ...plainText, dateline: 'SEOUL', timeZone: 'Asia/Tokyo' }, {}, 'Times in Japan Standard Time (JST), as the article gives them.'],
    [
      { ...plainText, timeZone: 'Asia/Tokyo' },
      { 'japan-news': 'Asia/Seoul' },
      'Times in Korean Standard Time (KST), the time zone of japan-news.',
    ],
    [
      { ...plainText, timeZone: '+09:00', publishedAt: instant.toISOString(), language: 'ja' },
      {},
      'Times in Japan Standard Time (JST), as the article gives them (+09:00).',
    ],
    [{ ...plainText, timeZone: '+09:00' }, {}, 'Times in GMT+9, as the article gives them.'],
  ])('%j with %j: %s', (article, configured, expected) => {
    expect(timeZoneNote(instant, sourceZone(article, configured))).toBe(expected);
  });
});
