import { Router, type Request, type Response } from 'express';
import type { SourceTimeZones } from '@newsrank/config';
import { isUuid, slugify } from '@newsrank/core';
import { findArticle, listArticles, listCategories, presentArticle, type Db } from '@newsrank/db';
import { parseWindow, type RankingWindow } from '@newsrank/ranking';
import { matchesIfNoneMatch } from '@newsrank/core';
import { articleNotFoundPage, articlePage } from './article-page.ts';
import { PAGE_ASSETS, WIDGET_SCRIPT, type Asset } from './assets.ts';
import { BOX_WINDOWS, popularBox, popularCategories, rankingBox, type PublishedLists } from './boxes.ts';
import { homePage } from './home-page.ts';
import type { SafeHtml } from './html.ts';
import { sourceTimeZone, sourceZone, type ArticleOrigin } from './source-time.ts';

export interface WebDeps {
  db: Db;
  lists: PublishedLists;
  sourceTimeZones: SourceTimeZones;
}

const LATEST_ARTICLES = 20;
const FRONT_PAGE_LIST_LENGTH = 10;
/** An article page carries short boxes, as news sites do beside an article. */
const ARTICLE_PAGE_LIST_LENGTH = 5;
/** The reader pages (`/`, `/articles/:id`), their assets, and the publishers' widget. */
export function webRoutes(deps: WebDeps): Router {
  const router = Router();
  const timeZoneOf = (article: ArticleOrigin) => sourceTimeZone(article, deps.sourceTimeZones);

  router.get('/', async (req, res) => {
    const window = windowQuery(req.query.window);
    const slug = categoryQuery(req.query.category);
    const [rows, withArticles] = await Promise.all([listArticles(deps.db, { limit: LATEST_ARTICLES }), listCategories(deps.db)]);
    const articles = rows.map(presentArticle);
    const categories = withArticles.flatMap((row) => (row.slug ? [{ slug: row.slug, name: row.name }] : []));
    const category =
      slug === null ? null : (popularCategories(deps.lists, categories).find((choice) => choice.slug === slug) ?? { slug, name: slug });
    const params = { window: window === '24h' ? null : window, category: slug };
    const common = { limit: FRONT_PAGE_LIST_LENGTH, path: '/', params };
    sendPage(
      res,
      200,
      homePage({
        articles,
        popular: popularBox(deps.lists, { ...common, category, withTabs: true, categories }),
        ranking: rankingBox(deps.lists, { ...common, window }),
        timeZoneOf,
      }),
    );
  });

  router.get('/articles/:id', async (req, res) => {
    const row = isUuid(req.params.id) ? await findArticle(deps.db, req.params.id) : undefined;
    if (!row) {
      sendPage(res, 404, articleNotFoundPage());
      return;
    }
    const article = presentArticle(row);
    const window = windowQuery(req.query.window);
    const common = {
      limit: ARTICLE_PAGE_LIST_LENGTH,
      path: `/articles/${article.id}`,
      params: { window: window === '24h' ? null : window },
    };
    const category = article.categorySlug ? { slug: article.categorySlug, name: article.category ?? article.categorySlug } : null;
    sendPage(
      res,
      200,
      articlePage({
        article,
        zone: sourceZone(article, deps.sourceTimeZones),
        popular: popularBox(deps.lists, { ...common, category, withTabs: false }),
        ranking: rankingBox(deps.lists, { ...common, window }),
      }),
    );
  });

  router.get('/assets/:name', (req, res) => {
    const asset = PAGE_ASSETS.get(req.params.name);
    if (!asset) {
      res.status(404).type('text/plain').send('no such asset');
      return;
    }
    // Pages link `?v=<content hash>`: that address never changes meaning, so it may be kept for a year.
    const versioned = req.query.v === asset.version;
    sendAsset(req, res, asset, versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  });

  router.get('/widget.js', (req, res) => {
    // Publishers load it from their own pages: any origin may, and a change reaches them within minutes.
    res.set({ 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' });
    sendAsset(req, res, WIDGET_SCRIPT, 'public, max-age=300');
  });

  return router;
}

function sendPage(res: Response, status: number, page: SafeHtml): void {
  // Rendered per request from lists in memory: always current for readers without JavaScript.
  res.status(status).set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).send(page.value);
}

function sendAsset(req: Request, res: Response, asset: Asset, cacheControl: string): void {
  res.set({ 'content-type': asset.contentType, 'cache-control': cacheControl, etag: asset.etag });
  if (matchesIfNoneMatch(req.get('if-none-match'), asset.etag)) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}

/** A page shows the box's windows; anything else (absent, 30d, nonsense) shows the default. */
function windowQuery(value: unknown): RankingWindow {
  const window = parseWindow(value);
  return window !== null && BOX_WINDOWS.some((choice) => choice.window === window) ? window : '24h';
}

function categoryQuery(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const slug = slugify(value);
  return slug === '' || slug === 'all' ? null : slug;
}
