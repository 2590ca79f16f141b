import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { popularityListQueries, topArticlesInWindow, windowListQueries } from './ranking-lists.ts';

// The lists are recomputed every RANKING_REFRESH_MS: their statements must read the top rows of
// an index, never scan or sort the whole table. These plans are taken on a table large enough
// (and analyzed) for the planner to choose freely, so a dropped or unusable index shows here.
const ARTICLES = 30_000;
const CATEGORIES = 40;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await sql`
    insert into articles (id, source, title, category, category_slug, published_at)
    select gen_random_uuid(), 'plan', 'Story ' || i, 'Category ' || (i % ${CATEGORIES}), 'category-' || (i % ${CATEGORIES}),
           timestamptz '2026-01-01' + i * interval '1 minute'
    from generate_series(1, ${ARTICLES}) i
  `.execute(db);
  for (const window of ['1h', '24h', '7d', '30d']) {
    await sql`
      insert into article_window_views (window_name, article_id, category_slug, published_sort, views)
      select ${window}, id, category_slug, published_sort, (hashtext(id::text) & 1023) + 1 from articles
    `.execute(db);
  }
  await sql`
    insert into article_popularity (article_id, accumulator, views, last_viewed_at, category_slug, published_sort)
    select id, (hashtext(id::text) & 65535)::float8, 1, now(), category_slug, published_sort from articles
  `.execute(db);
  await sql`analyze articles`.execute(db);
  await sql`analyze article_window_views`.execute(db);
  await sql`analyze article_popularity`.execute(db);
}, 60_000);
afterAll(() => database?.drop());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

async function planOf(query: RawBuilder<unknown>): Promise<PlanNode[]> {
  const compiled = query.compile(database.db);
  const explained = await database.db.executeQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({
    ...compiled,
    sql: `explain (format json) ${compiled.sql}`,
  });
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(explained.rows[0]!['QUERY PLAN'][0]!.Plan);
  return nodes;
}

const scansOf = (nodes: PlanNode[], table: string) => nodes.filter((node) => node['Relation Name'] === table);

describe('the list statements read their index', () => {
  it('the site-wide and per-category access rankings of a window', async () => {
    const queries = windowListQueries('24h', 10);
    const site = scansOf(await planOf(queries.site), 'article_window_views');
    expect(site.map((node) => node['Index Name'])).toEqual(['article_window_views_top_idx']);
    const categories = scansOf(await planOf(queries.categories), 'article_window_views');
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.every((node) => node['Index Name'] === 'article_window_views_category_top_idx')).toBe(true);
  });

  it('the site-wide and per-category popular lists', async () => {
    const queries = popularityListQueries(0.001, 10);
    const site = scansOf(await planOf(queries.site), 'article_popularity');
    expect(site.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    const categories = scansOf(await planOf(queries.categories), 'article_popularity');
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.every((node) => node['Index Name'] === 'article_popularity_category_top_idx')).toBe(true);
  });

  it('and the plans answer the lists they are for', async () => {
    const lists = await topArticlesInWindow(database.db, '24h', 10);
    expect(lists.filter((entry) => entry.categoryRank === 1)).toHaveLength(CATEGORIES * 10);
    const site = lists.filter((entry) => entry.siteRank <= 10).map((entry) => entry.value);
    expect(site).toHaveLength(10);
    expect([...site].sort((a, b) => b - a)).toEqual(site);
  });
});
