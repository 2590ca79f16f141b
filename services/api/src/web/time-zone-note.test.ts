import { describe, expect, it } from 'vitest';
import { sourceZone } from './source-time.ts';
import { timeZoneNote } from './time-zone-note.ts';

const instant = new Date('2025-01-13T09:42:00Z');
const plainText = { source: 'japan-news', language: null, url: null, dateline: null };

describe('timeZoneNote', () => {
  it.each([
    [{ ...plainText, dateline: '東京' }, {}, 'Times in Japan Standard Time (JST), from the dateline 東京.'],
    [{ ...plainText, url: 'https://japannews.yomiuri.co.jp/politics/1' }, {}, "Times in Japan Standard Time (JST), from the source's .jp address."],
    [{ ...plainText, language: 'ko' }, {}, "Times in Korean Standard Time (KST), from the article's language (ko)."],
    [{ ...plainText, dateline: 'TOKYO' }, { 'japan-news': 'Europe/Berlin' }, 'Times in Central European Standard Time (CET), the time zone of japan-news.'],
    [{ ...plainText, dateline: 'SEOUL' }, {}, "Times in Coordinated Universal Time (UTC): the source's time zone is not known."],
  ])('%j with %j: %s', (article, configured, expected) => {
    expect(timeZoneNote(instant, sourceZone(article, configured))).toBe(expected);
  });
});
