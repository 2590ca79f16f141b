import { describe, expect, it } from 'vitest';
import { createBotFilter } from './bot-filter.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('createBotFilter', () => {
  it('gives isbot verdicts, from the cache on repeats', () => {
    const isBot = createBotFilter();
    for (let i = 0; i < 3; i++) {
      expect(isBot(BROWSER)).toBe(false);
      expect(isBot(CRAWLER)).toBe(true);
    }
  });

  it('counts a missing, empty or blank agent as a bot', () => {
    const isBot = createBotFilter();
    for (const agent of [undefined, '', '   ']) expect(isBot(agent)).toBe(true);
  });

  it('stays right after evicting old entries', () => {
    const isBot = createBotFilter(2);
    expect(isBot(CRAWLER)).toBe(true);
    expect(isBot(BROWSER)).toBe(false);
    expect(isBot('curl/8.0')).toBe(true);
    expect(isBot(CRAWLER)).toBe(true);
    expect(isBot('x'.repeat(600) + ' bot')).toBe(true);
  });
});
