import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import { ensureTimePartitions } from '../partitions/time-partitions.ts';
import { trendingCandidates, trendingCandidatesQuery } from './trending-candidates.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASELINE_END = Date.parse('2026-01-10T12:00:00Z');
const baselineHours = Array.from({ length: 24 }, (_, i) => new Date(BASELINE_END - (24 - i) * HOUR));

let database: TestDatabase;

/** An article in `category` with `views` in the 1h totals; its id is returned. */
async function article(category: string, views: number): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into articles (id, source, title, category, category_slug, published_at)
    values (gen_random_uuid(), 'trend', 'Story', ${category}, lower(${category}), timestamptz '2026-01-09')
    returning id::text
  `.execute(database.db);
  const id = rows[0]!.id;
  await sql`
    insert into article_window_views (window_name, article_id, category_slug, published_sort, views)
    select '1h', id, category_slug, published_sort, ${views} from articles where id = ${id}
  `.execute(database.db);
  return id;
}

async function hourViews(articleId: string, hourMs: number, views: number): Promise<void> {
  await sql`insert into article_views_hour (bucket_start, article_id, views) values (${new Date(hourMs)}, ${articleId}, ${views})`.execute(
    database.db,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Day partitions around the baseline, far behind those the migration made around now.
  await ensureTimePartitions(database.db, 'article_views_hour', { fromMs: BASELINE_END - 2 * DAY, toMs: BASELINE_END + 2 * DAY }, DAY);
});
afterAll(() => database?.drop());

describe('trendingCandidates', () => {
  it('are the articles with enough recent views, each with its views in exactly the baseline hours', async () => {
    const rising = await article('Politics', 40);
    const steady = await article('Economy', 12);
    const quiet = await article('Politics', 9);
    for (let h = 0; h < 30; h++) await hourViews(steady, BASELINE_END - (h + 1) * HOUR, 12);
    // The hour the window starts in and the one just before the baseline count in neither.
    await hourViews(rising, BASELINE_END, 500);
    await hourViews(rising, BASELINE_END - 25 * HOUR, 500);
    await hourViews(rising, BASELINE_END - 24 * HOUR, 3);
    await hourViews(quiet, BASELINE_END - HOUR, 5);

    const candidates = await trendingCandidates(database.db, { windowName: '1h', minViews: 10, baselineHours });
    const byId = new Map(candidates.map((c) => [c.articleId, c]));
    expect(candidates).toHaveLength(2);
    expect(byId.get(rising)).toMatchObject({ views: 40, baselineViews: 3, category: 'Politics', categorySlug: 'politics' });
    expect(byId.get(steady)).toMatchObject({ views: 12, baselineViews: 24 * 12 });
    expect(byId.get(rising)?.publishedAt).toEqual(new Date('2026-01-09T00:00:00Z'));
  });

  it('an article with no history has a baseline of zero views', async () => {
    const fresh = await article('World', 10);
    const candidates = await trendingCandidates(database.db, { windowName: '1h', minViews: 10, baselineHours });
    expect(candidates.find((c) => c.articleId === fresh)).toMatchObject({ views: 10, baselineViews: 0 });
  });

  it('views in other windows do not make an article a candidate', async () => {
    const candidates = await trendingCandidates(database.db, { windowName: '24h', minViews: 10, baselineHours });
    expect(candidates).toEqual([]);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
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

describe('the trending statement', () => {
  // Many articles viewed in the window and in every baseline hour, few of them trending: the plan
  // must start from the trending few and probe their hours, not read the hours of every article.
  it('reads the candidates off the totals index and probes each one’s hours by key', async () => {
    await sql`
      insert into articles (id, source, title, category, category_slug, published_at)
      select gen_random_uuid(), 'plan', 'Story ' || i, 'Category ' || (i % 20), 'category-' || (i % 20),
             timestamptz '2026-01-01' + i * interval '1 minute'
      from generate_series(1, 20000) i
    `.execute(database.db);
    await sql`
      insert into article_window_views (window_name, article_id, category_slug, published_sort, views)
      select '1h', id, category_slug, published_sort, case when hashtext(id::text) & 255 = 0 then 50 else 1 + (hashtext(id::text) & 7) end
      from articles where source = 'plan'
    `.execute(database.db);
    await sql`
      insert into article_views_hour (bucket_start, article_id, views)
      select h, a.id, 3 from articles a cross join unnest(${baselineHours.map((h) => h.toISOString())}::timestamptz[]) h
      where a.source = 'plan'
    `.execute(database.db);
    await sql`analyze articles`.execute(database.db);
    await sql`analyze article_window_views`.execute(database.db);
    await sql`analyze article_views_hour`.execute(database.db);

    const query = trendingCandidatesQuery({ windowName: '1h', minViews: 10, baselineHours });
    const expectProbesByArticle = async () => {
      const nodes = await planOf(query);
      const scans = (table: string) => nodes.filter((node) => node['Relation Name'] === table);
      expect(scans('article_window_views').map((node) => node['Index Name'])).toEqual(['article_window_views_top_idx']);
      // Only the partitions of the baseline's days are read: the others are pruned from the plan.
      const hours = nodes.filter((node) => node['Relation Name']?.startsWith('article_views_hour_p'));
      expect(new Set(hours.map((node) => node['Relation Name']))).toEqual(
        new Set(['article_views_hour_p20260109t0000', 'article_views_hour_p20260110t0000']),
      );
      for (const node of hours) {
        expect(node['Node Type']).not.toBe('Seq Scan');
        expect(node['Index Cond'] ?? node['Recheck Cond']).toMatch(/article_id = t\.article_id/);
      }
      const candidates = await trendingCandidates(database.db, { windowName: '1h', minViews: 10, baselineHours });
      const planned = candidates.filter((c) => c.views === 50);
      expect(planned.length).toBeGreaterThan(20);
      expect(planned.every((c) => c.baselineViews === 72)).toBe(true);
    };
    await expectProbesByArticle();
    // Without the index that leads with the article, the primary key (hour, article) serves: one probe per hour.
    await sql`drop index if exists article_views_hour_article_idx`.execute(database.db);
    await expectProbesByArticle();
  }, 60_000);
});
