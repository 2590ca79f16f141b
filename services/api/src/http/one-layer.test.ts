import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { inOneLayer } from './one-layer.ts';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** An app whose only layer before the route is `layer`; answers what each step left in res.locals. */
async function serve(layer: RequestHandler): Promise<string> {
  const app = express();
  app.use(layer);
  app.get('/', (_req, res) => void res.json({ steps: res.locals.steps }));
  app.use(((error, _req, res, _next) => void res.status(500).json({ error: String(error) })) as express.ErrorRequestHandler);
  const server = app.listen(0);
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const stepNamed =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.steps = [...((res.locals.steps as string[] | undefined) ?? []), name];
    next();
  };

describe('inOneLayer', () => {
  it('runs every middleware in order, an asynchronous one included, then the route', async () => {
    const later: RequestHandler = (_req, res, next) => void setTimeout(() => stepNamed('later')(_req, res, next), 5);
    const nullIsNoError: RequestHandler = (_req, res, next) => {
      stepNamed('null')(_req, res, () => next(null));
    };
    const url = await serve(inOneLayer(stepNamed('a'), later, nullIsNoError, stepNamed('b')));
    expect(await (await fetch(url)).json()).toEqual({ steps: ['a', 'later', 'null', 'b'] });
  });

  it('stops at a middleware that answers', async () => {
    const answers: RequestHandler = (_req, res) => void res.status(204).end();
    const url = await serve(inOneLayer(stepNamed('a'), answers, stepNamed('never')));
    expect((await fetch(url)).status).toBe(204);
  });

  it('hands an error passed to next, or thrown, to the error handler, and runs nothing after it', async () => {
    let ranAfter = false;
    const after: RequestHandler = (_req, _res, next) => {
      ranAfter = true;
      next();
    };
    const passes: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    const throws: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejects: RequestHandler = async () => {
      await Promise.resolve();
      throw new Error('rejected');
    };
    const later: RequestHandler = (_req, _res, next) => void setTimeout(next, 5);
    for (const [failing, message] of [
      [passes, 'passed'],
      [throws, 'thrown'],
      [rejects, 'rejected'],
    ] as const) {
      // After an asynchronous step, the router's own layer is no longer on the stack to catch a throw.
      const answer = await fetch(await serve(inOneLayer(stepNamed('a'), later, failing, after)));
      expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 500, body: { error: `Error: ${message}` } });
    }
    expect(ranAfter).toBe(false);
  });
});
