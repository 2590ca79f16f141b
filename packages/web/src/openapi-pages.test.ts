import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@newsrank/wire/openapi';
import { BOX_WINDOWS } from './boxes.ts';

const windowEnum = (path: string) =>
  (buildOpenApiDocument().paths[path]?.get?.parameters ?? []).find((parameter) => parameter.name === 'window')?.schema;

describe("the OpenAPI document's description of the reader pages", () => {
  it('offers the windows the boxes have tabs for', () => {
    const tabs = BOX_WINDOWS.map((tab) => tab.window);
    expect(windowEnum('/')).toMatchObject({ enum: tabs });
    expect(windowEnum('/articles/{id}')).toMatchObject({ enum: tabs });
  });
});
