import { describe, expect, it } from 'vitest';
import { textArrayLiteral } from './column-arrays.ts';

describe('textArrayLiteral', () => {
  it('quotes every element, so none reads as NULL or splits', () => {
    expect(textArrayLiteral(['NULL', '', 'a,b', '{x}'])).toBe('{"NULL","","a,b","{x}"}');
  });

  it('escapes quotes and backslashes', () => {
    expect(textArrayLiteral(['say "hi"', 'C:\\dir'])).toBe('{"say \\"hi\\"","C:\\\\dir"}');
  });

  it('an empty list is the empty array', () => {
    expect(textArrayLiteral([])).toBe('{}');
  });
});
