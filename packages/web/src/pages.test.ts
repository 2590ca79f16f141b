import { describe, expect, it } from 'vitest';
import type { PublishedList } from '@newsrank/ranking';
import { articlePage } from './article-page.ts';
import { popularBox, rankingBox, type PublishedLists } from './boxes.ts';
import { homePage, type ReaderArticle } from './home-page.ts';
import { sourceZone } from './source-time.ts';

const NASTY = '<img src=x onerror=alert(1)>';
const article = (id: string, title: string, category = 'Politics') => ({
  id,
  title,
  url: `https://news.example/${id}`,
  category,
  publishedAt: '2025-01-13T09:42:00Z',
});
const ids = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  '00000000-0000-4000-8000-000000000003',
  '00000000-0000-4000-8000-000000000004',
] as const;

function fakeLists(lists: PublishedList[]): PublishedLists {
  return { get: (key) => lists.find((list) => list.key === key), all: () => lists };
}

const ranking24h: PublishedList = {
  key: 'ranking:24h:all',
  etag: 'e1',
  contentHash: 'h1',
  publishedAtMs: 1,
  body: {
    window: '24h',
    category: null,
    generatedAt: '2025-01-13T10:00:00Z',
    items: [
      { rank: 1, previousRank: 2, views: 9, visitors: 9, article: article(ids[0], NASTY) },
      { rank: 2, previousRank: 1, views: 5, visitors: 5, article: article(ids[1], 'Second') },
      { rank: 3, previousRank: null, views: 1, visitors: 1, article: article(ids[2], 'Third') },
      { rank: 4, previousRank: 4, views: 1, visitors: 1, article: article(ids[3], 'Fourth') },
    ],
  },
};
const popularPolitics: PublishedList = {
  key: 'popular:politics',
  etag: 'e2',
  contentHash: 'h2',
  publishedAtMs: 1,
  body: {
    category: 'politics',
    halfLife: '6h',
    generatedAt: '2025-01-13T10:00:00Z',
    items: [{ rank: 1, previousRank: null, score: 3.5, article: article(ids[1], 'Second') }],
  },
};
const lists = fakeLists([ranking24h, popularPolitics]);

const reader = (overrides: Partial<ReaderArticle> = {}): ReaderArticle => ({
  id: ids[0],
  source: 'japan-news',
  guid: null,
  url: 'https://news.example/a',
  title: NASTY,
  summary: `Summary ${NASTY}`,
  contentHtml: '<p>SEOUL — The <em>body</em>.</p>',
  author: null,
  category: 'Politics',
  categorySlug: 'politics',
  tags: [],
  dateline: 'SEOUL',
  imageUrl: null,
  imageCaption: 'A caption',
  language: null,
  publishedAt: '2025-01-13T09:42:00Z',
  timeZone: null,
  updatedAt: null,
  ingestedAt: '2025-01-13T09:50:00Z',
  ...overrides,
});

const withArticles = [
  { slug: 'politics', name: 'Politics' },
  { slug: 'science', name: 'Science' },
];

function renderHome(params: { window?: '1h' | '24h' | '7d'; category?: string | null } = {}) {
  const window = params.window ?? '24h';
  const category = params.category ? (withArticles.find((choice) => choice.slug === params.category) ?? null) : null;
  const common = { limit: 10, path: '/', params: { window: window === '24h' ? null : window, category: params.category ?? null } };
  return homePage({
    articles: [reader()],
    popular: popularBox(lists, { ...common, category, withTabs: true, categories: withArticles }),
    ranking: rankingBox(lists, { ...common, window }),
    timeZoneOf: () => 'Asia/Tokyo',
  }).value;
}

describe('the front page', () => {
  const page = renderHome();

  it('escapes every title and summary', () => {
    expect(page).not.toContain(NASTY);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('has landmarks, one h1 and external assets only', () => {
    for (const landmark of ['<header', '<main id="main"', '<aside', '<footer']) expect(page).toContain(landmark);
    expect(page.match(/<h1/g)).toHaveLength(1);
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/newsrank\.css\?v=[\w-]+">/);
    expect(page).toMatch(/<script src="\/assets\/newsrank\.js\?v=[\w-]+" defer><\/script>/);
    expect(page).not.toMatch(/<script>|<style|style="/);
  });

  it('ranks the access ranking in an ordered list with movement against the previous list', () => {
    const box = page.slice(page.indexOf('id="access-ranking"'));
    expect(box).toContain('<ol class="nr-list">');
    expect(box).toMatch(/<span class="nr-rank">1<\/span><span class="nr-move nr-move-up" title="up from 2">/);
    expect(box).toMatch(/<span class="nr-rank">2<\/span><span class="nr-move nr-move-down" title="down from 1">/);
    expect(box).toMatch(/<span class="nr-rank">3<\/span><span class="nr-move nr-move-new">new<\/span>/);
    expect(box).toMatch(/<span class="nr-rank">4<\/span><span class="nr-move nr-move-same"/);
    expect(box).toContain('<span class="nr-count">9 views</span>');
    expect(box).toContain('<span class="nr-count">1 view</span>');
  });

  it('offers window and category tabs as links that render server-side', () => {
    expect(page).toContain(
      '<a class="nr-tab" href="/?window=1h#access-ranking" data-list-key="ranking:1h:all" data-list-url="/v1/ranking?window=1h&amp;limit=10" data-empty="No views counted yet.">1h</a>',
    );
    expect(page).toContain(
      'href="/#access-ranking" data-list-key="ranking:24h:all" data-list-url="/v1/ranking?window=24h&amp;limit=10" data-empty="No views counted yet." aria-current="page">24h</a>',
    );
    expect(page).toContain('href="/?category=politics#popular" data-list-key="popular:politics"');
    const politics = renderHome({ window: '7d', category: 'politics' });
    expect(politics).toContain('href="/?window=1h&amp;category=politics#access-ranking"');
    expect(politics).toContain('href="/?window=7d#popular" data-list-key="popular:all"');
    expect(politics).toMatch(/data-list-key="popular:politics"[^>]*aria-current="page">Politics</);
  });

  it('says so when a list has nothing yet', () => {
    expect(renderHome({ window: '1h' })).toMatch(
      /id="access-ranking-panel" data-list-key="ranking:1h:all" data-empty="No views counted yet."><p class="nr-empty">No views counted yet.</,
    );
  });

  it('has a Popular tab for every category with articles, viewed or not, in name order', () => {
    const tabs = [
      ...page.slice(page.indexOf('id="popular"'), page.indexOf('id="access-ranking"')).matchAll(/class="nr-tab"[^>]*>([^<]+)</g),
    ].map((m) => m[1]);
    expect(tabs).toEqual(['All', 'Politics', 'Science']);
    expect(page).toContain(
      'href="/?category=science#popular" data-list-key="popular:science" data-list-url="/v1/popular?category=science&amp;limit=10" data-empty="No views yet in this category.">Science</a>',
    );
  });

  it('a category without views opens on its tab with the empty state', () => {
    const science = renderHome({ category: 'science' });
    expect(science).toMatch(/data-list-key="popular:science"[^>]*aria-current="page">Science</);
    expect(science).toContain(
      'id="popular-panel" data-list-key="popular:science" data-empty="No views yet in this category."><p class="nr-empty">No views yet in this category.</p>',
    );
  });

  it('renders both tabs named in the address, and every tab link keeps the other box’s choice', () => {
    const both = renderHome({ window: '1h', category: 'politics' });
    expect(both).toMatch(/data-list-key="ranking:1h:all"[^>]*aria-current="page">1h</);
    expect(both).toMatch(/data-list-key="popular:politics"[^>]*aria-current="page">Politics</);
    expect(both).toContain('href="/?window=1h&amp;category=science#popular"');
    expect(both).toContain('href="/?window=7d&amp;category=politics#access-ranking"');
    expect(both).toMatch(/<section class="nr-box nr-box-popular" id="popular"[^>]*data-tab-param="category">/);
    expect(both).toMatch(/<section class="nr-box nr-box-ranking" id="access-ranking"[^>]*data-tab-param="window">/);
  });

  it('prints times in the source zone', () => {
    expect(page).toContain('<time class="nr-source-time" datetime="2025-01-13T09:42:00Z">18:42 JST, January 13, 2025</time>');
  });
});

describe('an article page', () => {
  const render = (overrides: Partial<ReaderArticle> = {}) => {
    const common = { limit: 5, path: `/articles/${ids[0]}`, params: { window: null } };
    return articlePage({
      article: reader(overrides),
      zone: { timeZone: 'Asia/Tokyo', basis: { kind: 'dateline', dateline: 'TOKYO' } },
      popular: popularBox(lists, { ...common, category: { slug: 'politics', name: 'Politics' }, withTabs: false }),
      ranking: rankingBox(lists, { ...common, window: '24h' }),
    }).value;
  };

  it('shows the title escaped and the sanitized body as it is', () => {
    const page = render();
    expect(page).not.toContain(NASTY);
    expect(page).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(page).toContain('<div class="nr-body"><p>SEOUL — The <em>body</em>.</p></div>');
  });

  it('has the dateline, both times, the category and its Popular box', () => {
    const page = render();
    expect(page).toContain('<span class="nr-dateline">SEOUL</span>');
    expect(page).toContain(
      '18:42 JST, January 13, 2025</time><span class="nr-reader-time" data-reader-time="2025-01-13T09:42:00Z" data-source-zone="Asia/Tokyo" hidden></span>',
    );
    expect(page).toContain('<a class="nr-category" href="/?category=politics#popular">Politics</a>');
    expect(page).toContain('<h2 class="nr-box-title" id="popular-heading">Popular in Politics</h2>');
    expect(page).toContain('data-stream="/v1/ranking/stream?kind=popular&amp;category=politics&amp;limit=5"');
    expect(page).toContain('href="/articles/00000000-0000-4000-8000-000000000001?window=7d#access-ranking"');
  });

  it('says which zone the times are in and why', () => {
    expect(render()).toContain('<p class="nr-zone-note">Times in Japan Standard Time (JST), from the dateline TOKYO.</p>');
    expect(render({ publishedAt: null })).not.toContain('nr-zone-note');
  });

  it('prints the time in the zone the article printed and says so', () => {
    const article = reader({ timeZone: 'Asia/Tokyo' });
    const common = { limit: 5, path: `/articles/${ids[0]}`, params: { window: null } };
    const page = (configured: Record<string, string>) =>
      articlePage({
        article,
        zone: sourceZone(article, configured),
        popular: popularBox(lists, { ...common, category: null, withTabs: false }),
        ranking: rankingBox(lists, { ...common, window: '24h' }),
      }).value;
    expect(page({})).toContain('<time class="nr-source-time" datetime="2025-01-13T09:42:00Z">18:42 JST, January 13, 2025</time>');
    expect(page({})).toContain('<p class="nr-zone-note">Times in Japan Standard Time (JST), as the article gives them.</p>');
    expect(page({ 'japan-news': 'UTC' })).toContain('>09:42 UTC, January 13, 2025</time>');
    expect(page({ 'japan-news': 'UTC' })).toContain(
      '<p class="nr-zone-note">Times in Coordinated Universal Time (UTC), the time zone of japan-news.</p>',
    );
  });

  it('shows a photo with its caption as a figure', () => {
    const page = render({ imageUrl: 'https://img.example/p.jpg', imageCaption: 'Iwaya, right, in Seoul' });
    expect(page).toContain(
      '<figure class="nr-photo"><img src="https://img.example/p.jpg" alt="" loading="lazy" referrerpolicy="no-referrer"><figcaption>Iwaya, right, in Seoul</figcaption></figure>',
    );
    expect(render({ imageUrl: 'https://img.example/p.jpg', imageCaption: null })).toContain(
      '<figure class="nr-photo"><img src="https://img.example/p.jpg" alt="&lt;img src=x onerror=alert(1)&gt;"',
    );
  });

  it('leaves out a caption whose photo is missing or not loadable', () => {
    for (const imageUrl of [null, 'javascript:alert(2)', 'data:image/png;base64,AAAA']) {
      const page = render({ imageUrl, imageCaption: 'Iwaya, right, in Seoul' });
      expect(page).not.toContain('Iwaya, right');
      expect(page).not.toContain('<figure');
    }
  });

  it('names the Popular box of a category without views and says it has none', () => {
    const common = { limit: 5, path: `/articles/${ids[0]}`, params: { window: null } };
    const page = articlePage({
      article: reader({ category: 'Science', categorySlug: 'science' }),
      zone: sourceZone({ source: 'wire', language: null, url: null, dateline: '東京' }, {}),
      popular: popularBox(lists, { ...common, category: { slug: 'science', name: 'Science' }, withTabs: false }),
      ranking: rankingBox(lists, { ...common, window: '24h' }),
    }).value;
    expect(page).toContain('Popular in Science</h2>');
    expect(page).toContain('<p class="nr-empty">No views yet in this category.</p>');
    expect(page).toContain('Times in Japan Standard Time (JST), from the dateline 東京.');
  });

  it('counts a view from the browser only: a script hook and a no-script pixel', () => {
    const page = render();
    expect(page).toContain(`data-article-id="${ids[0]}" data-count-view`);
    expect(page).toContain(`<noscript><img class="nr-hit" src="/v1/hit?article=${ids[0]}" alt="" width="1" height="1"></noscript>`);
  });

  it('links and loads only http(s) URLs', () => {
    const page = render({ url: 'javascript:alert(1)', imageUrl: 'javascript:alert(2)' });
    expect(page).not.toContain('javascript:');
    expect(render({ imageUrl: 'https://img.example/p.jpg' })).toContain('<img src="https://img.example/p.jpg" alt=""');
  });
});
