import { describe, expect, it } from 'vitest';
import { clip, formatTable, type Column } from './table.ts';

interface Row {
  rank: number;
  title: string;
}

const columns: Column<Row>[] = [
  { header: 'rank', align: 'right', cell: (row) => String(row.rank) },
  { header: 'title', cell: (row) => row.title },
  { header: 'tag', cell: () => '' },
];

describe('formatTable', () => {
  it('pads each column to its widest cell, right-aligning numbers, with no trailing spaces', () => {
    const text = formatTable(columns, [
      { rank: 1, title: 'Short' },
      { rank: 10, title: 'A longer title' },
    ]);
    expect(text).toBe(['rank  title           tag', '   1  Short', '  10  A longer title', ''].join('\n'));
  });

  it('counts characters, not UTF-16 units, so a title with an emoji keeps its row aligned', () => {
    const text = formatTable(
      [
        { header: 'title', cell: (row: Row) => row.title },
        { header: 'n', cell: (row: Row) => String(row.rank) },
      ],
      [
        { rank: 1, title: '😀😀' },
        { rank: 2, title: 'abcd' },
      ],
    );
    const [, first = '', second = ''] = text.split('\n');
    expect([...first].length).toBe([...second].length);
  });
});

describe('clip', () => {
  it('keeps short text and marks a cut', () => {
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('abcdefgh', 5)).toBe('abcd…');
  });
});
