import express, { Router, type Request, type RequestHandler } from 'express';
import {
  SourceError,
  importOpml,
  listSourceViews,
  readSubscribeInput,
  refreshSource,
  subscribeSource,
  type SourcesStore,
} from '@newsrank/sources/subscriptions';
import type { SafeHtml } from './html.ts';
import { PageRequestError } from './page-request-error.ts';
import { sourcesPage } from './sources-page.ts';

export const SOURCES_PAGE_PATH = '/admin/sources';

/**
 * A browser sends Basic credentials with any request to this origin, also one a foreign page's
 * form makes it send: changes are taken only from this site's own pages.
 */
const sameSiteOnly: RequestHandler = (req, _res, next) => {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const sameOrigin = origin !== undefined && origin === `${req.protocol}://${req.get('host')}`;
  if (site === 'cross-site' || site === 'same-site' || (site === undefined && origin !== undefined && !sameOrigin)) {
    throw new PageRequestError(403, 'cross_site_request', "changes to sources are taken only from this site's own pages");
  }
  next();
};

/**
 * The sources page (`/admin/sources`): health, add by URL, OPML import. `auth` is the mounting
 * app's check of an ingest token, as for its queue dashboard.
 */
export function sourcesPageRoutes(deps: { store: SourcesStore; auth: RequestHandler }): Router {
  const router = Router();
  const { auth } = deps;
  const form = express.urlencoded({ extended: false, limit: 4 * 1024 * 1024 });
  const { store } = deps;

  const show = async (res: express.Response, status: number, notice: Parameters<typeof sourcesPage>[0]['notice']) => {
    sendPage(res, status, sourcesPage({ sources: await listSourceViews(store), notice }));
  };
  const field = (req: Request, name: string) => {
    const value = (req.body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : undefined;
  };

  router.get(SOURCES_PAGE_PATH, auth, async (_req, res) => {
    await show(res, 200, null);
  });

  router.post(SOURCES_PAGE_PATH, auth, sameSiteOnly, form, async (req, res) => {
    try {
      const input = readSubscribeInput({ url: field(req, 'url'), category: field(req, 'category') || null }, store.settings.bounds);
      const { created, source } = await subscribeSource(store, input);
      await show(res, created ? 201 : 200, {
        kind: 'ok',
        text: created
          ? `Subscribed to ${source.url}; its first fetch is on its way.`
          : `${source.url} is subscribed already, as ${source.slug}.`,
      });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      await show(res, 400, { kind: 'error', text: error.message });
    }
  });

  router.post(`${SOURCES_PAGE_PATH}/opml`, auth, sameSiteOnly, form, async (req, res) => {
    const text = field(req, 'opml')?.trim();
    if (!text) {
      await show(res, 400, { kind: 'error', text: 'Choose an OPML file or paste its text.' });
      return;
    }
    const result = await importOpml(store, text);
    const rejected = result.rejected.map((entry) => `${entry.url}: ${entry.reason}`).join('; ');
    await show(res, 200, {
      kind: result.rejected.length > 0 ? 'error' : 'ok',
      text: `${result.added} added, ${result.existing} already subscribed${result.rejected.length > 0 ? `, ${result.rejected.length} refused (${rejected})` : ''}.`,
    });
  });

  router.post(`${SOURCES_PAGE_PATH}/:slug/refresh`, auth, sameSiteOnly, async (req, res) => {
    try {
      const { source } = await refreshSource(store, String(req.params.slug));
      await show(res, 202, { kind: 'ok', text: `Fetching ${source.slug} now.` });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      await show(res, 404, { kind: 'error', text: error.message });
    }
  });

  return router;
}

function sendPage(res: express.Response, status: number, page: SafeHtml): void {
  res.status(status).set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(page.value);
}
