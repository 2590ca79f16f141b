import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedMethodsOf } from './allowed-methods.ts';
import { enteredForItsPathsOnly } from './fixed-paths.ts';

/** A router counted each time it is entered, wrapped the way the app wraps its hot routers. */
function countedRouter(build: (router: Router) => void): { router: Router; entered: () => number } {
  const router = Router();
  build(router);
  let entered = 0;
  const counting = Object.assign((...args: Parameters<Router>) => {
    entered++;
    return router(...args);
  }, router) as unknown as Router;
  return { router: counting, entered: () => entered };
}

const fixed = countedRouter((router) => {
  router.get('/v1/list', (_req, res) => void res.send('list'));
  router.post('/v1/beacon', (_req, res) => void res.send('beacon'));
});
const withParameter = countedRouter((router) => {
  router.get('/v1/items/:id', (req, res) => void res.send(`item ${String(req.params.id)}`));
});

let base = '';
let close = () => {};
const app = express();
beforeAll(async () => {
  app.use(enteredForItsPathsOnly(fixed.router));
  app.use(enteredForItsPathsOnly(withParameter.router));
  app.use((_req, res) => void res.status(404).send('fell through'));
  const server = app.listen(0);
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const answer = async (path: string, method = 'GET') => {
  const response = await fetch(`${base}${path}`, { method });
  return `${response.status} ${await response.text()}`;
};

describe('enteredForItsPathsOnly', () => {
  it('lets through every spelling of its paths that Express routing matches', async () => {
    expect(await answer('/v1/list')).toBe('200 list');
    expect(await answer('/V1/List')).toBe('200 list');
    expect(await answer('/v1/list/')).toBe('200 list');
    expect(await answer('/v1/list?x=1')).toBe('200 list');
    expect(await answer('/v1/beacon', 'POST')).toBe('200 beacon');
  });

  it('does not enter a router of fixed paths for another path', async () => {
    const before = fixed.entered();
    expect(await answer('/v1/items/7')).toBe('200 item 7');
    expect(await answer('/v1/list//')).toBe('404 fell through');
    expect(await answer('/v1/lists')).toBe('404 fell through');
    expect(fixed.entered() - before).toBe(0);
  });

  it('enters a router with a parameter in a path for every request, as Express would', async () => {
    const before = withParameter.entered();
    await answer('/v1/list');
    await answer('/elsewhere');
    expect(withParameter.entered() - before).toBe(1);
    // The first request was answered by the fixed router before reaching this one.
  });

  it('keeps the routes visible to what reads the app', () => {
    const allowed = allowedMethodsOf(app);
    expect(allowed('/v1/list')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowed('/v1/beacon')).toEqual(['POST', 'OPTIONS']);
    expect(allowed('/v1/items/3')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });
});
