import type { ListKeyParts } from '@newsrank/ranking';

export type ListKind = ListKeyParts['kind'];

interface ListKindShape {
  /** The item field holding the number the list is ordered by. */
  valueField: string;
  /** What a body of this kind holds besides category, generatedAt and items: a problem, or null. */
  checkBody(body: Record<string, unknown>, parts: ListKeyParts): string | null;
}

/**
 * Every kind of list that is published, and what a version of it must hold to be read back.
 * The mapped type asks for exactly the kinds a list key can name: a new kind of list (say,
 * trending) is one more key kind in @newsrank/ranking and one more entry here.
 */
export const LIST_KINDS: { readonly [K in ListKind]: ListKindShape } = {
  ranking: {
    valueField: 'views',
    checkBody: (body, parts) => (parts.kind === 'ranking' && body.window !== parts.window ? `window is not ${parts.window}` : null),
  },
  popular: {
    valueField: 'score',
    checkBody: (body) => (typeof body.halfLife === 'string' ? null : 'halfLife is not a string'),
  },
  trending: {
    valueField: 'score',
    checkBody: (body) => itemsWithNumbers(body.items, ['views', 'baseline']),
  },
};

/** Besides the value field, a trending item shows its views and baseline: each must be a number. */
function itemsWithNumbers(items: unknown, fields: readonly string[]): string | null {
  if (!Array.isArray(items)) return null;
  for (const [index, item] of items.entries()) {
    for (const field of fields)
      if (typeof item === 'object' && item !== null && typeof (item as Record<string, unknown>)[field] !== 'number')
        return `items[${index}].${field} is not a number`;
  }
  return null;
}
