import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.ts';
import { slugify } from './slug.ts';

describe('canonicalUrl', () => {
  it.each([
    ['https://Example.COM/News/1', 'https://example.com/News/1'],
    ['https://example.com/a#comments', 'https://example.com/a'],
    ['https://example.com/a?utm_source=x&utm_MEDIUM=y&id=3', 'https://example.com/a?id=3'],
    ['https://example.com/a?fbclid=1&gclid=2', 'https://example.com/a'],
    ['HTTPS://example.com:443/a', 'https://example.com/a'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
    ['https://example.com/a?b=1&a=2', 'https://example.com/a?b=1&a=2'],
    ['https://example.com/a#', 'https://example.com/a'],
    ['https://example.com/a?utm_source=x#', 'https://example.com/a'],
    ['https://:@example.com/a', 'https://example.com/a'],
    ['https://example.com/a?q=%23#b', 'https://example.com/a?q=%23'],
  ])('%s is known as %s', (raw, expected) => expect(canonicalUrl(raw)).toBe(expected));

  it.each([null, '', 'not a url', '/relative/path', 'javascript:alert(1)', 'ftp://example.com/a'])('%j has no canonical form', (raw) =>
    expect(canonicalUrl(raw)).toBeNull(),
  );
});

describe('slugify', () => {
  it.each([
    ['Politics', 'politics'],
    ['World News', 'world-news'],
    ['  Science & Tech ', 'science-tech'],
    ['経済', '経済'],
  ])('%j becomes %j', (name, slug) => expect(slugify(name)).toBe(slug));
});
