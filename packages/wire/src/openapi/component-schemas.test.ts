import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { componentSchemas } from './component-schemas.ts';

describe('componentSchemas', () => {
  const Item = Type.Object({ id: Type.String() });
  const shared = Type.String({ format: 'uri' });
  const Page = Type.Object({ items: Type.Array(Item), first: Type.Union([Item, Type.Null()]), link: shared, next: shared });

  it('writes each named schema out once and refers to it wherever another holds it', () => {
    expect(componentSchemas({ Item, Page })).toEqual({
      Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Page: {
        type: 'object',
        required: ['items', 'first', 'link', 'next'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
          first: { anyOf: [{ $ref: '#/components/schemas/Item' }, { type: 'null' }] },
          link: { type: 'string', format: 'uri' },
          next: { type: 'string', format: 'uri' },
        },
      },
    });
  });

  it('inlines a schema that has no name of its own', () => {
    expect(componentSchemas({ Page }).Page).toMatchObject({
      properties: { items: { items: { type: 'object', properties: { id: { type: 'string' } } } } },
    });
  });

  it("leaves none of TypeBox's symbol keys in the copy", () => {
    const copies = Object.values(componentSchemas({ Item, Page }));
    const symbolKeys = (value: unknown): symbol[] =>
      typeof value === 'object' && value !== null
        ? [...Object.getOwnPropertySymbols(value), ...Object.values(value).flatMap(symbolKeys)]
        : [];
    expect(Object.getOwnPropertySymbols(Item).length).toBeGreaterThan(0);
    expect(copies.flatMap(symbolKeys)).toEqual([]);
  });
});
