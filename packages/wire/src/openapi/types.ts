/** The parts of an OpenAPI 3.1 document the API's description uses; JSON Schema stays loosely typed. */
export type Schema = Record<string, unknown>;

export interface Operation {
  operationId: string;
  summary: string;
  /** Required here: the route-coverage test fails for an operation without one. */
  description: string;
  tags: string[];
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
  security?: Record<string, string[]>[];
}

export type PathItem = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>;
export type Paths = Record<string, PathItem>;

export const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });

export const json = (schema: Schema, description: string) => ({ description, content: { 'application/json': { schema } } });
