import { describe, expect, it } from 'vitest';
import {
  NASTY_TITLE,
  articleStatsFor,
  dashboardArticles,
  siteStatsFor,
  testDashboardData,
  topList,
  trendingList,
} from '../../../test/support/dashboard-data.ts';
import type { TopItem, TrendingItem } from './dashboard-data.ts';
import { dashboardArticlePage, dashboardPage } from './dashboard-page.ts';

const top = topList.body.items as unknown as TopItem[];
const trending = trendingList.body.items as unknown as TrendingItem[];
const article = dashboardArticles[2] ?? dashboardArticles[0]!;

async function sitePage(window: '24h' | '7d' | '30d' = '24h', lists = { top, trending }) {
  const ids = [...lists.top, ...lists.trending].map((item) => item.article.id);
  return dashboardPage({ window, stats: siteStatsFor(window), ...lists, hourly: await testDashboardData.hourlyViews(ids, 24) }).value;
}

const section = (page: string, id: string) =>
  page.slice(page.indexOf(`id="${id}"`), page.indexOf('</section>', page.indexOf(`id="${id}"`)));

describe('the dashboard page', () => {
  it('lists the top articles with their views, visitors, movement and a sparkline each, linked to their chart pages', async () => {
    const box = section(await sitePage(), 'top-articles');
    expect(box).toContain('data-dashboard-list="ranking:24h:all"');
    expect(box.match(/<li class="nr-dash-item"/g)).toHaveLength(5);
    expect(box.match(/<svg class="nr-spark"/g)).toHaveLength(5);
    expect(box).toContain('1,200 views · 950 visitors');
    expect(box).toContain(`href="/dashboard/articles/${dashboardArticles[0]?.id}"`);
    expect(box).toContain('up from 2');
    expect(box).toContain('nr-move-new');
  });

  it('lists trending articles with views in the last hour, their baseline and score', async () => {
    const box = section(await sitePage(), 'trending');
    expect(box).toContain('data-dashboard-list="trending:all"');
    expect(box).toContain('96 views last hour · 9.5/h before · <span class="nr-score" title="score">+12.4</span>');
    expect(box).toContain('18.3/h before');
    expect(box).toContain(`href="/dashboard/articles/${dashboardArticles[5]?.id}"`);
  });

  it('says so when a list is empty or not published yet', async () => {
    const page = await sitePage('24h', { top: [], trending: [] });
    expect(section(page, 'top-articles')).toContain('No views counted yet.');
    expect(section(page, 'trending')).toContain('Nothing is rising above its usual readership right now.');
  });

  it('escapes titles and hosts wherever they appear', async () => {
    const page = await sitePage();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(page).toContain('forum.&lt;script&gt;.example');
    expect(page).not.toContain(NASTY_TITLE);
  });

  it('shows the period’s figures, its chart and the referrer split, with links to the other periods', async () => {
    const stats = siteStatsFor('7d');
    const page = await sitePage('7d');
    expect(page).toContain(`<dd data-figure="views">${stats.views.toLocaleString('en-US')}</dd>`);
    expect(page).toContain(`<dd data-figure="visitors">${stats.visitors.toLocaleString('en-US')}</dd>`);
    expect(page).toContain('<dd data-figure="engaged">1 min 15 s</dd>');
    expect(page).toContain('Views and visitors · last 7 days');
    expect(page.match(/<rect class="nr-chart-bucket"/g)).toHaveLength(168);
    expect(page).toContain(`<strong data-referrer="search">${stats.referrers.search.toLocaleString('en-US')}</strong>`);
    expect(page).toContain('<th scope="row">www.google.com</th><td>Search</td>');
    expect(page).toContain('href="/dashboard#charts"');
    expect(page).toContain('href="/dashboard?window=30d#charts"');
    expect(page).toContain('href="/dashboard?window=7d#charts" aria-current="page"');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('data-dashboard-refresh');
  });
});

describe("an article's dashboard page", () => {
  it('shows its figures, ranks, chart, referrers and campaigns, and escapes its title', () => {
    const stats = articleStatsFor(article, '24h');
    const page = dashboardArticlePage(stats).value;
    expect(page).toContain('<h1 class="nr-page-title">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</h1>');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain(`<dd data-figure="views">${stats.views.toLocaleString('en-US')}</dd>`);
    expect(page).toContain('<dd data-figure="engaged">1 min 35 s</dd>');
    expect(page).toContain('<dd data-figure="current-rank">#2</dd>');
    expect(page).toContain('<dd data-figure="best-rank">#1</dd>');
    expect(page.match(/<rect class="nr-chart-bucket"/g)).toHaveLength(24);
    expect(page).toContain('<td>newsletter</td><td>email</td><td>morning-briefing</td>');
    expect(page).toContain('<td>partner&lt;site&gt;</td><td>—</td><td>—</td><td class="nr-number">7</td>');
    expect(page).toContain(`href="/articles/${article.id}"`);
    expect(page).toContain(`href="/dashboard/articles/${article.id}?window=30d#charts"`);
  });

  it('says "—" for a rank it never had and that no campaign brought readers', () => {
    const page = dashboardArticlePage({ ...articleStatsFor(article, '30d'), bestRank: null, currentRank: null, campaigns: [] }).value;
    expect(page).toContain('<dd data-figure="current-rank">—</dd>');
    expect(page).toContain('No views came with campaign parameters');
    expect(page.match(/<rect class="nr-chart-bucket"/g)).toHaveLength(30);
  });
});
