import { createHash } from 'node:crypto';
import pg from 'pg';
import { createDb, rebuildWindow } from '@newsrank/db';
import { RANKING_WINDOWS, windowBucketRange } from '@newsrank/ranking';

export interface ScaleData {
  articles: number;
  views: number;
  /** Hour-bucket rows the views were spread over. */
  hourRows: number;
  loadSeconds: number;
}

/** Each article's views are spread over this many hours of the last 30 days. */
const HOURS_PER_ARTICLE = 8;
const CATEGORIES = 20;
/** Publication dates spread over two years: most articles are history, as on a real site. */
const HISTORY_SECONDS = 2 * 365 * 86_400;
const HALF_LIFE_MS = 6 * 3_600_000;

/** The same uuid for article i in every statement, without storing a mapping. */
const articleId = (i: string) => `md5('scale-' || ${i})::uuid`;

/** Article i's id as the statements above spell it, computed here instead of read back. */
export function scaleArticleId(i: number): string {
  const hex = createHash('md5').update(`scale-${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Loads a synthetic history in bulk, straight into the tables (INSERT … SELECT generate_series):
 * `articles` published over two years in 20 categories, and `views` counted views spread over
 * the hour buckets of the last 30 days (8 hours per article), with each article's forward-decay
 * accumulator and total, and the windows' running totals, computed from those buckets, as the
 * worker would have left them. Views need no row each: the bucket tables hold counts. (The
 * dedup records of those views are not loaded: only writing a new event reads them, by primary
 * key, never the publisher.)
 */
export async function loadScaleData(url: string, articles: number, views: number): Promise<ScaleData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(
      `insert into articles (id, source, guid, url, title, summary, category, category_slug, published_at, published_at_origin)
       select ${articleId('i')}, 'scale', 'scale-' || i, 'https://scale.example/a/' || i, 'Scale story ' || i, 'Summary of scale story ' || i,
         'Category ' || (i % ${CATEGORIES}), 'category-' || (i % ${CATEGORIES}), now() - (i * ($2::float8 / $1::float8)) * interval '1 second', 'feed'
       from generate_series(0, $1::int - 1) as i`,
      [articles, HISTORY_SECONDS],
    );
    const rows = articles * HOURS_PER_ARTICLE;
    await client.query(
      `insert into article_views_hour (bucket_start, article_id, views)
       select date_trunc('hour', now()) - ((k * 90 + i % 90) * interval '1 hour'), ${articleId('i')},
         $2::int + case when (i::bigint * ${HOURS_PER_ARTICLE} + k) < $3::bigint then 1 else 0 end
       from generate_series(0, $1::int - 1) as i, generate_series(0, ${HOURS_PER_ARTICLE - 1}) as k`,
      [articles, Math.floor(views / rows), views % rows],
    );
    // Statistics before the aggregate below: without them the planner takes 8M hour rows for a
    // few hundred articles and, since article_views_hour_article_idx exists, picks a group
    // aggregate joined to articles by a nested loop (1M × 1M comparisons, which never finishes).
    await client.query('analyze articles, article_views_hour');
    await client.query(
      `insert into article_popularity (article_id, accumulator, views, last_viewed_at, category_slug, published_sort)
       select p.article_id, p.accumulator, p.views, p.last_viewed_at, a.category_slug, a.published_sort
       from (
         select h.article_id,
           sum(h.views * power(2::float8, (extract(epoch from h.bucket_start - l.t0) * 1000 + 1800000) / $1::float8)) as accumulator,
           sum(h.views) as views, max(h.bucket_start) + interval '30 minutes' as last_viewed_at
         from article_views_hour h cross join popularity_landmark l
         group by h.article_id
       ) p join articles a on a.id = p.article_id`,
      [HALF_LIFE_MS],
    );
    await client.query('update popularity_landmark set half_life_ms = $1', [HALF_LIFE_MS]);
    await buildWindowTotals(url);
    await client.query('analyze');
    return { articles, views, hourRows: rows, loadSeconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/**
 * The windows' running totals as a worker that had been running all along would hold them,
 * built by the same code the publisher uses when it starts on a database without them.
 */
async function buildWindowTotals(url: string): Promise<void> {
  const { db } = createDb({ url, poolSize: 1 });
  try {
    const nowMs = Date.now();
    await db.transaction().execute(async (trx) => {
      for (const window of RANKING_WINDOWS) {
        const range = windowBucketRange(window, nowMs);
        await rebuildWindow(
          trx,
          window,
          range.resolution === 'minute' ? 'article_views_minute' : 'article_views_hour',
          range.fromInclusive,
        );
      }
    });
  } finally {
    await db.destroy();
  }
}

/** Ids of the `count` newest articles: the ones a site's readers are reading now. */
export async function newestArticleIds(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(`select ${articleId('i')}::text as id from generate_series(0, $1::int - 1) as i`, [
      count,
    ]);
    return result.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
