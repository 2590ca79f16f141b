import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.ts';

const document = buildOpenApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by the official schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('gives every operation a unique id, a summary and a description', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of operations) {
      expect(operation.summary.trim(), `${method} ${path}`).not.toBe('');
      expect(operation.description.trim(), `${method} ${path}`).not.toBe('');
    }
  });

  it('documents the rate limit on every public /v1 operation and the token on every write', () => {
    for (const { path, method, operation } of operations.filter((entry) => entry.path.startsWith('/v1/'))) {
      expect(operation.responses['429'], `${method} ${path}`).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    }
    // Beacons and a WebSub hub's signed pushes are the writes without a token.
    const open = new Set(['/v1/events', '/v1/websub/{slug}']);
    for (const { path, method, operation } of operations.filter((entry) => entry.method === 'post' && !open.has(entry.path))) {
      expect(operation.security, `${method} ${path}`).toEqual(
        path.startsWith('/admin/') ? [{ ingestToken: [] }, { adminBasic: [] }] : [{ ingestToken: [] }],
      );
      expect(operation.responses['401'], `${method} ${path}`).toBeDefined();
    }
  });

  it('refers only to components it has', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)].map(
      (match) => [match[1]!, match[2]!] as const,
    );
    expect(refs.length).toBeGreaterThan(20);
    const missing = refs.filter(
      ([kind, name]) => !(name in ((document.components as Record<string, Record<string, unknown>>)[kind] ?? {})),
    );
    expect(missing).toEqual([]);
  });

  it('declares every path parameter its path names', () => {
    for (const { path, method, operation } of operations) {
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      expect(declared, `${method} ${path}`).toEqual(named);
    }
  });
});
