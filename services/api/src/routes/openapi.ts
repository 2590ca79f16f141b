import { Router } from 'express';
import { buildOpenApiDocument } from '@newsrank/wire/openapi';

export function openApiRoutes(): Router {
  const router = Router();
  // Built once: the document describes the code, which does not change while the process runs.
  const document = JSON.stringify(buildOpenApiDocument());
  router.get('/openapi.json', (_req, res) => {
    res.set({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' }).send(document);
  });
  return router;
}
