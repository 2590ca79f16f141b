import { describe, expect, it } from 'vitest';
import { matchesIfNoneMatch } from './if-none-match.ts';

describe('matchesIfNoneMatch', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['"abc.10"', true],
    ['W/"abc.10"', true],
    ['"other", "abc.10"', true],
    ['"abc.20"', false],
    ['*', true],
  ])('If-None-Match %j against "abc.10" is %s', (header, expected) => {
    expect(matchesIfNoneMatch(header, '"abc.10"')).toBe(expected);
  });
});
