import type { Schema } from './types.ts';

/**
 * The named wire schemas as OpenAPI components: each written out once, and a `$ref` to it
 * wherever it appears inside another. TypeBox nests the very schema object it is given, so the
 * named ones are found by identity. What comes out is plain JSON (TypeBox's symbol keys dropped).
 */
export function componentSchemas<Name extends string>(named: Record<Name, object>): Record<Name, Schema> {
  const names = new Map<unknown, string>(Object.entries(named).map(([name, schema]) => [schema, name]));
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (typeof value !== 'object' || value === null) return value;
    const name = names.get(value);
    if (name !== undefined) return { $ref: `#/components/schemas/${name}` };
    return copyFields(value);
  };
  const copyFields = (schema: object): Schema => Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, copy(value)]));
  return Object.fromEntries(Object.entries<object>(named).map(([name, schema]) => [name, copyFields(schema)])) as Record<Name, Schema>;
}
