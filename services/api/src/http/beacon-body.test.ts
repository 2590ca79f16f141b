import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beaconJsonBody } from './beacon-body.ts';

const LIMIT = 1024;
let baseUrl: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.post('/', beaconJsonBody(LIMIT), (req, res) => {
    res.json({ body: req.body === undefined ? 'unset' : req.body });
  });
  const errors: ErrorRequestHandler = (error: { status?: number; type?: string; limit?: number }, _req, res, _next) => {
    res.status(error.status ?? 500).json({ type: error.type, limit: error.limit });
  };
  app.use(errors);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => server.close();
});
afterAll(() => close?.());

const post = async (body: RequestInit['body'], headers: Record<string, string> = {}) => {
  const response = await fetch(baseUrl, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};
/** A body sent in chunks, with no Content-Length. */
const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < text.length; i += 100) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 100)));
      controller.close();
    },
  });

describe('the beacon body', () => {
  it('reads JSON sent as text/plain, as navigator.sendBeacon sends it', async () => {
    expect(await post('{"events":[{"type":"view"}]}', { 'content-type': 'text/plain;charset=UTF-8' })).toEqual({
      status: 200,
      json: { body: { events: [{ type: 'view' }] } },
    });
  });

  it('reads a chunked body with no length', async () => {
    const text = JSON.stringify({ events: Array.from({ length: 10 }, (_, i) => ({ id: `e-${i}` })) });
    expect((await post(chunked(text), { 'content-type': 'application/json' })).json).toEqual({ body: JSON.parse(text) });
  });

  it('an empty body is an empty object, as body-parser makes it', async () => {
    expect((await post('', { 'content-type': 'application/json' })).json).toEqual({ body: {} });
  });

  it('refuses a declared or an actual length over the limit with 413', async () => {
    const big = JSON.stringify({ events: 'x'.repeat(LIMIT) });
    expect(await post(big, { 'content-type': 'application/json' })).toEqual({
      status: 413,
      json: { type: 'entity.too.large', limit: LIMIT },
    });
    expect(await post(chunked(big), { 'content-type': 'application/json' })).toEqual({
      status: 413,
      json: { type: 'entity.too.large', limit: LIMIT },
    });
  });

  it('refuses bad JSON and a document that is not an object or an array with 400', async () => {
    expect(await post('{"events": [', { 'content-type': 'application/json' })).toEqual({
      status: 400,
      json: { type: 'entity.parse.failed' },
    });
    expect(await post(' 12', { 'content-type': 'application/json' })).toEqual({ status: 400, json: { type: 'entity.parse.failed' } });
  });

  it('hands a compressed body or another charset to body-parser, which inflates or refuses it', async () => {
    const gzipped = gzipSync(Buffer.from('{"events":[]}'));
    expect(await post(gzipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toEqual({
      status: 200,
      json: { body: { events: [] } },
    });
    expect(await post('{"events":[]}', { 'content-type': 'application/json; charset=latin1' })).toEqual({
      status: 415,
      json: { type: 'charset.unsupported' },
    });
  });
});
