import { describe, expect, it } from 'vitest';
import { articleColumns, renderList, type ListItem } from './list-view.ts';

const item = (rank: number, title: string): ListItem => ({
  rank,
  article: { title, category: 'Politics', publishedAt: '2025-01-13T09:42:00Z' },
});
const columns = [{ header: 'rank', align: 'right' as const, cell: (entry: ListItem) => String(entry.rank) }, ...articleColumns<ListItem>()];

describe('renderList', () => {
  it('prints a heading and a table of rank, title, category and published', () => {
    const text = renderList(
      'popular',
      { category: 'politics', generatedAt: '2025-01-13T10:00:00Z', items: [item(1, 'Budget passes')] },
      columns,
    );
    expect(text).toBe(
      [
        'popular in politics, as of 2025-01-13T10:00:00Z',
        'rank  title          category  published',
        '   1  Budget passes  Politics  2025-01-13T09:42:00Z',
        '',
      ].join('\n'),
    );
  });

  it('says "no views yet" instead of an empty table', () => {
    const text = renderList('popular', { category: 'sports', generatedAt: '2025-01-13T10:00:00Z', items: [] }, columns);
    expect(text).toBe('popular: no views yet in sports\n');
  });

  it('points at the ranking worker when no list was ever published, instead of "as of never"', () => {
    const text = renderList('access ranking, last 24h', { category: null, generatedAt: null, items: [] }, columns);
    expect(text).toContain('no views yet');
    expect(text).toContain('is a ranking worker running?');
    expect(text).not.toContain('never');
  });
});
