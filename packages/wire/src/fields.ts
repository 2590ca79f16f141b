import { Type, type SchemaOptions, type Static, type TSchema } from '@sinclair/typebox';

/** A value or null; every nullable field of the API is written this way. */
export const Nullable = <T extends TSchema>(schema: T, options: SchemaOptions = {}) => Type.Union([schema, Type.Null()], options);

/** One of `values`: a union of string literals (`anyOf` of `const`s in the JSON Schema). */
export const Literals = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Union(
    values.map((value) => Type.Literal(value as T[number])),
    options,
  );

export const Uuid = Type.String({ format: 'uuid' });

/** A date-time; every one the API writes is ISO-8601 UTC at second precision (`2025-01-13T09:42:00Z`). */
export const IsoTime = (options: SchemaOptions = {}) => Type.String({ format: 'date-time', ...options });

/** An item of a request or a document that was refused, by its position, with a reason a client can act on. */
export const Rejection = Type.Object({ index: Type.Integer({ minimum: 0 }), reason: Type.String() });
export type Rejection = Static<typeof Rejection>;
