import { describe, expect, it } from 'vitest';
import { articleUrl, authorName, normalizeLanguage } from './normalize.ts';

describe('authorName', () => {
  it.each([
    ['Jane Doe (jane@example.com)', 'Jane Doe'],
    ['jane@example.com (Jane Doe)', 'Jane Doe'],
    ['Jane Doe <jane@example.com>', 'Jane Doe'],
    ['"Jane Doe" <jane@example.com>', 'Jane Doe'],
    ['Jane Doe', 'Jane Doe'],
    ['jane@example.com', 'jane@example.com'],
    ['  Jane \n Doe  ', 'Jane Doe'],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(authorName(raw)).toBe(expected);
  });
});

describe('normalizeLanguage', () => {
  it.each([
    ['en_US', 'en-US'],
    ['en-us', 'en-us'],
    ['ja', 'ja'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['english please', null],
    ['', null],
    [null, null],
  ])('reads %j as %j', (raw, expected) => {
    expect(normalizeLanguage(raw)).toBe(expected);
  });
});

describe('articleUrl', () => {
  it.each([
    ['http://item.TEST/', null, 'http://item.TEST/'],
    ['/a/b', 'https://x.example/c/d', 'https://x.example/a/b'],
    ['b', 'https://x.example/c/d', 'https://x.example/c/b'],
    ['javascript:alert(1)', null, null],
    ['mailto:a@b.example', null, null],
    ['  https://x.example/  ', null, 'https://x.example/'],
    ['', 'https://x.example/', null],
  ])('reads %j against base %j as %j', (raw, base, expected) => {
    expect(articleUrl(raw, base)).toBe(expected);
  });
});
