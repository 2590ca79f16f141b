import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('SOURCE_TIME_ZONES', () => {
  it('is empty by default and reads source=zone pairs, sources lower-cased', () => {
    expect(loadConfig({}).sourceTimeZones).toEqual({});
    expect(loadConfig({ SOURCE_TIME_ZONES: 'Japan-News=Asia/Tokyo, wire = UTC' }).sourceTimeZones).toEqual({
      'japan-news': 'Asia/Tokyo',
      wire: 'UTC',
    });
  });

  it.each(['japan-news', 'japan-news=Mars/Olympus', '=Asia/Tokyo'])('refuses %j, naming the variable', (raw) => {
    expect(() => loadConfig({ SOURCE_TIME_ZONES: raw })).toThrow(/SOURCE_TIME_ZONES: expected source=Area\/City pairs/);
  });
});
