import express, { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { listAppRoutes, toOpenApiPath } from './app-routes.ts';

describe('listAppRoutes', () => {
  it('finds routes of the app, of routers mounted in it, and mounted applications, but not middleware', () => {
    const app = express();
    app.use((_req, _res, next) => next());
    app.get('/healthz', (_req, res) => res.end());
    const v1 = Router();
    v1.get('/v1/items/:id', (_req, res) => res.end());
    v1.route('/v1/items')
      .get((_req, res) => res.end())
      .post((_req, res) => res.end());
    app.use(v1);
    const v2 = Router();
    v2.get('/things/:thingId', (_req, res) => res.end());
    app.use('/v2', v2);
    const dashboard = express();
    dashboard.get('/internal', (_req, res) => res.end());
    const admin = Router();
    admin.use('/admin/board', (_req, _res, next) => next(), dashboard);
    app.use(admin);
    app.use('/v1', (_req, _res, next) => next());

    expect(listAppRoutes(app)).toEqual([
      { method: 'get', path: '/healthz' },
      { method: 'get', path: '/v1/items/{id}' },
      { method: 'get', path: '/v1/items' },
      { method: 'post', path: '/v1/items' },
      { method: 'get', path: '/v2/things/{thingId}' },
      { method: 'get', path: '/admin/board' },
    ]);
  });

  it('refuses a path syntax OpenAPI cannot say, so it gets described on purpose', () => {
    expect(() => toOpenApiPath('/files/*rest')).toThrow(/no OpenAPI equivalent/);
    expect(() => toOpenApiPath('/a{/:b}')).toThrow(/no OpenAPI equivalent/);
  });
});
