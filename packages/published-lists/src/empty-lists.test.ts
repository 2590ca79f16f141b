import { describe, expect, it } from 'vitest';
import { listEtag } from '@newsrank/ranking';
import { emptyList } from './empty-lists.ts';

describe('a list never published', () => {
  it.each([
    [{ kind: 'ranking', window: '1h', categorySlug: 'world' } as const, { window: '1h', category: 'world', generatedAt: null, items: [] }],
    [{ kind: 'popular', categorySlug: null } as const, { category: null, halfLife: '6h', generatedAt: null, items: [] }],
    [{ kind: 'trending', categorySlug: null } as const, { category: null, generatedAt: null, items: [] }],
  ])('of kind %o is empty, generated never, with the ETag of that body', (parts, body) => {
    const list = emptyList(parts, 6 * 3_600_000);
    expect(list.body).toEqual(body);
    expect(list.etag).toBe(listEtag(body));
  });
});
