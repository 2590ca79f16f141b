import { describe, expect, it } from 'vitest';
import { slugCandidates } from './manage-sources.ts';
import { SOURCE_SLUG } from './source-input.ts';

describe('slugCandidates', () => {
  it('names a source by its host, without www, keeping the dots', () => {
    expect(slugCandidates(new URL('https://www.example.com/feed.xml'), [])).toBe('example.com');
    expect(slugCandidates(new URL('http://[::1]:8080/feed'), [])).toBe('1');
    expect(slugCandidates(new URL('https://bücher.example/rss'), [])).toBe('xn--bcher-kva.example');
  });

  it('makes it unique with -2, -3 and always fits the slug rule', () => {
    expect(slugCandidates(new URL('https://example.com/a'), ['example.com'])).toBe('example.com-2');
    expect(slugCandidates(new URL('https://example.com/a'), ['example.com', 'example.com-2'])).toBe('example.com-3');
    const long = slugCandidates(new URL(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.example/`), []);
    expect(long).toMatch(SOURCE_SLUG);
  });
});
