import { parseListKey, popularListKey, rankingListKey, type PublishedList, type RankingWindow } from '@newsrank/ranking';
import type { Box, ListItem } from './list-box.ts';

/** What the boxes read: the in-memory ListStore (a fake in unit tests). */
export interface PublishedLists {
  get(key: string): PublishedList | undefined;
  all(): PublishedList[];
}

/** The windows a reader picks from; 30d stays an API option. */
export const BOX_WINDOWS: readonly { window: RankingWindow; label: string }[] = [
  { window: '1h', label: '1h' },
  { window: '24h', label: '24h' },
  { window: '7d', label: '7d' },
];

/** A link to the same page with some query parameters changed, and a fragment to land on the box. */
export function pageHref(path: string, params: Record<string, string | null>, fragment: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) query.set(name, value);
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}#${fragment}`;
}

const itemsOf = (list: PublishedList | undefined): readonly ListItem[] => (list?.body.items ?? []) as readonly ListItem[];

export const NO_VIEWS = 'No views counted yet.';
export const NO_VIEWS_IN_CATEGORY = 'No views yet in this category.';

export interface RankingBoxOptions {
  window: RankingWindow;
  limit: number;
  /** The page the box is on and the parameters it keeps when a tab changes the window. */
  path: string;
  params: Record<string, string | null>;
}

/** The site-wide access ranking with a tab per window. */
export function rankingBox(lists: PublishedLists, options: RankingBoxOptions): Box {
  const id = 'access-ranking';
  return {
    kind: 'ranking',
    id,
    heading: 'Access ranking',
    tabsLabel: 'Ranking period',
    tabParam: 'window',
    tabs: BOX_WINDOWS.map(({ window, label }) => ({
      label,
      href: pageHref(options.path, { ...options.params, window: window === '24h' ? null : window }, id),
      listKey: rankingListKey(window, null),
      listUrl: `/v1/ranking?window=${window}&limit=${options.limit}`,
      selected: window === options.window,
      emptyText: NO_VIEWS,
    })),
    listKey: rankingListKey(options.window, null),
    emptyText: NO_VIEWS,
    items: itemsOf(lists.get(rankingListKey(options.window, null))),
    limit: options.limit,
    streamUrl: `/v1/ranking/stream?kind=ranking&category=all&limit=${options.limit}`,
  };
}

export interface CategoryChoice {
  slug: string;
  name: string;
}

/**
 * A tab per category that has articles, whether or not anyone has read them yet (a tab only for
 * categories with views would hide exactly the sections that need readers), plus any category
 * only a published list knows. Named as the articles name them.
 */
export function popularCategories(lists: PublishedLists, withArticles: readonly CategoryChoice[] = []): CategoryChoice[] {
  const choices = new Map(withArticles.map((choice) => [choice.slug, choice]));
  for (const list of lists.all()) {
    const parts = parseListKey(list.key);
    if (parts?.kind !== 'popular' || parts.categorySlug === null || choices.has(parts.categorySlug)) continue;
    choices.set(parts.categorySlug, { slug: parts.categorySlug, name: itemsOf(list)[0]?.article.category ?? parts.categorySlug });
  }
  return [...choices.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

export interface PopularBoxOptions {
  /** null: the site-wide list. */
  category: CategoryChoice | null;
  limit: number;
  path: string;
  params: Record<string, string | null>;
  /** With tabs (the front page: one per category) or fixed to one category (an article page). */
  withTabs: boolean;
  /** The categories that have articles, for the tabs. */
  categories?: readonly CategoryChoice[];
}

export function popularBox(lists: PublishedLists, options: PopularBoxOptions): Box {
  const id = 'popular';
  const slug = options.category?.slug ?? null;
  const listUrl = (category: string | null) =>
    `/v1/popular?${category === null ? '' : `category=${encodeURIComponent(category)}&`}limit=${options.limit}`;
  const choices = options.withTabs ? popularCategories(lists, options.categories) : [];
  if (options.withTabs && options.category && !choices.some((c) => c.slug === slug)) choices.push(options.category);
  const tabs = options.withTabs
    ? [{ slug: null, name: 'All' }, ...choices].map((choice) => ({
        label: choice.name,
        href: pageHref(options.path, { ...options.params, category: choice.slug }, id),
        listKey: popularListKey(choice.slug),
        listUrl: listUrl(choice.slug),
        selected: choice.slug === slug,
        emptyText: choice.slug === null ? NO_VIEWS : NO_VIEWS_IN_CATEGORY,
      }))
    : [];
  const streamCategory = options.withTabs ? '' : `&category=${slug === null ? 'all' : encodeURIComponent(slug)}`;
  return {
    kind: 'popular',
    id,
    heading: options.category && !options.withTabs ? `Popular in ${options.category.name}` : 'Popular',
    tabsLabel: 'Popular by category',
    tabParam: 'category',
    tabs,
    emptyText: slug === null ? NO_VIEWS : NO_VIEWS_IN_CATEGORY,
    listKey: popularListKey(slug),
    items: itemsOf(lists.get(popularListKey(slug))),
    limit: options.limit,
    streamUrl: `/v1/ranking/stream?kind=popular${streamCategory}&limit=${options.limit}`,
  };
}
