import { slugify } from '@newsrank/core';
import type { Category, ListArticle, RankingList } from '@newsrank/wire';
import { getJson } from '../api-client.ts';
import { CommandError, UsageError } from '../errors.ts';
import { clip, formatTable, type Column } from '../table.ts';

// What renderList reads of a list answer: the part every kind of list has.
export type ListItem = { rank: number; article: Pick<ListArticle, 'title' | 'category' | 'publishedAt'> };
export type ListAnswer<Item extends ListItem> = Pick<RankingList, 'category' | 'generatedAt'> & { items: Item[] };

const TITLE_WIDTH = 60;

/** The columns after a list's own (views, score): what the article is. */
export function articleColumns<Item extends ListItem>(): Column<Item>[] {
  return [
    { header: 'title', cell: (item) => clip(item.article.title, TITLE_WIDTH) },
    { header: 'category', cell: (item) => item.article.category ?? '-' },
    { header: 'published', cell: (item) => item.article.publishedAt ?? '-' },
  ];
}

export function checkLimit(limit: string): string {
  if (!/^\d+$/.test(limit) || Number(limit) < 1) throw new UsageError(`--limit needs a whole number from 1 up, got "${limit}"`);
  return limit;
}

/**
 * The API answers an unknown category with an empty list, as it must for a category whose
 * articles have no views yet; a person who mistyped one should hear so, not see an empty table.
 */
export async function checkCategory(base: string, category: string | undefined): Promise<void> {
  if (category === undefined) return;
  const slug = slugify(category);
  if (slug === '' || slug === 'all') return;
  const known = await getJson<Category[]>(base, '/v1/categories');
  if (known.some((entry) => entry.slug === slug)) return;
  const names = known.map((entry) => entry.slug);
  throw new CommandError(
    `no category "${category}"; ${names.length > 0 ? `known: ${names.join(', ')}` : 'none are known yet (no articles ingested)'}`,
  );
}

/** A heading line, then the table, or one line saying there is nothing to rank yet. */
export function renderList<Item extends ListItem>(heading: string, answer: ListAnswer<Item>, columns: readonly Column<Item>[]): string {
  const scope = answer.category ? ` in ${answer.category}` : '';
  if (answer.items.length === 0) {
    const hint = answer.generatedAt === null ? ' (no list published yet: is a ranking worker running?)' : '';
    return `${heading}: no views yet${scope}${hint}\n`;
  }
  return `${heading}${scope}, as of ${answer.generatedAt}\n${formatTable(columns, answer.items)}`;
}
