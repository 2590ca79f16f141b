import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedMethodsOf, answerOptions, refuseWrongMethod } from './allowed-methods.ts';
import { errorHandler, notFound } from './errors.ts';

function exampleApp() {
  const app = express();
  const allowed = allowedMethodsOf(app);
  app.use(answerOptions(allowed));
  const items = Router();
  items.get('/v1/items', (_req, res) => res.json([]));
  items.post('/v1/items', (_req, res) => res.status(201).json({}));
  items.get('/v1/items/:id', (_req, res) => res.json({}));
  app.use(items);
  const nested = Router();
  nested.delete('/things/:id', (_req, res) => res.status(204).end());
  app.use('/v2', nested);
  app.use(refuseWrongMethod(allowed));
  app.use(notFound);
  app.use(errorHandler);
  return { app, allowed };
}

describe('allowedMethodsOf', () => {
  const { allowed } = exampleApp();

  it('reads the methods of every route a path matches, across routers, as routing matches', () => {
    expect(allowed('/v1/items')).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS']);
    expect(allowed('/V1/Items/')).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS']);
    expect(allowed('/v1/items/42')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowed('/v2/things/3')).toEqual(['DELETE', 'OPTIONS']);
  });

  it('knows no methods for a path no route has', () => {
    expect(allowed('/v1/nothing')).toBeNull();
    expect(allowed('/things/3')).toBeNull();
    expect(allowed('/v1/items/42/more')).toBeNull();
  });
});

describe('405 and OPTIONS', () => {
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;
  beforeAll(async () => {
    server = exampleApp().app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a known path asked with another method 405, with Allow and the error shape', async () => {
    const response = await fetch(`${base}/v1/items`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it("answers OPTIONS with every method of the path, not one router's share", async () => {
    const response = await fetch(`${base}/v1/items`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
  });

  it('leaves unknown paths 404 and right methods alone', async () => {
    expect((await fetch(`${base}/v1/nothing`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${base}/v1/nothing`, { method: 'OPTIONS' })).status).toBe(404);
    expect((await fetch(`${base}/v1/items/1`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/v2/things/1`, { method: 'DELETE' })).status).toBe(204);
  });
});
