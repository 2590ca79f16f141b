import type { ParseResult } from './types.ts';

/** Each article's position among the document's items, the numbering `rejected[].index` uses. */
export function itemPositions(result: Pick<ParseResult, 'articles' | 'rejected'>): number[] {
  const rejected = new Set(result.rejected.map((r) => r.index));
  const positions: number[] = [];
  for (let index = 0; positions.length < result.articles.length; index++) {
    if (!rejected.has(index)) positions.push(index);
  }
  return positions;
}
