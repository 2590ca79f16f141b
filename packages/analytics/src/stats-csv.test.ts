import { describe, expect, it } from 'vitest';
import { csvField } from './stats-csv.ts';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-1 point', "'-1 point"],
    [null, ''],
    [42, '42'],
  ])('%j is written %s', (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});
