import { createHash } from 'node:crypto';
import { scoreAt } from './forward-decay.ts';
import { listEtag, rankEntries, withPreviousRanks } from './list-order.ts';
import { baselinePerHour, roundTrendingNumber, trendingScore } from './trending.ts';
import type { RankingWindow } from './windows.ts';
import { formatIsoSecond } from '@newsrank/core';
import type { ListArticle, PopularList, RankingList, TrendingList } from '@newsrank/wire';

/** Longest list published; `limit` on the API cuts it shorter. */
export const PUBLISHED_LIST_LENGTH = 100;

export type { ListArticle };

// The lists as the API answers them; a published version has always been generated.
export type RankingListBody = RankingList & { generatedAt: string };
export type PopularListBody = PopularList & { generatedAt: string };
export type TrendingListBody = TrendingList & { generatedAt: string };

export type ListBody = RankingListBody | PopularListBody | TrendingListBody;

/** One version of one list, as stored in Redis and in the history table. */
export interface PublishedList {
  key: string;
  /** Hash of what the version shows, generatedAt aside: the HTTP ETag. */
  etag: string;
  /**
   * Hash of what decides the list (order, counts or accumulators, article fields), without
   * previousRank and without decayed scores: a new version is published only when it changes.
   */
  contentHash: string;
  /** Millisecond publication time; orders versions of one list. */
  publishedAtMs: number;
  body: ListBody;
}

/** A candidate for a list: the article and its views in the window, or its accumulator. */
export interface ListEntryInput {
  article: ListArticle;
  value: number;
  /** Distinct visitors in the window (access rankings). */
  visitors?: number;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

const articleTuple = (a: ListArticle) => [a.id, a.title, a.url, a.category, a.publishedAt];

function rank(entries: readonly ListEntryInput[]) {
  return rankEntries(
    entries.map((entry) => ({
      articleId: entry.article.id,
      value: entry.value,
      publishedAt: entry.article.publishedAt,
      article: entry.article,
    })),
    PUBLISHED_LIST_LENGTH,
  );
}

const previousRanks = (previous: PublishedList | null) =>
  previous ? previous.body.items.map((item) => ({ articleId: item.article.id, rank: item.rank })) : null;

export interface BuildContext {
  key: string;
  /** Second-aligned: the instant windows are cut and scores decayed at. */
  generatedAtMs: number;
  previous: PublishedList | null;
}

/** The next version of an access ranking, or null when it would show what `previous` shows. */
export function buildRankingList(
  context: BuildContext,
  list: { window: RankingWindow; categorySlug: string | null },
  entries: readonly ListEntryInput[],
): PublishedList | null {
  const ranked = rank(entries);
  const visitors = new Map(entries.map((entry) => [entry.article.id, entry.visitors ?? 0]));
  const contentHash = digest([
    list.window,
    list.categorySlug,
    ranked.map((r) => [r.value, visitors.get(r.article.id) ?? 0, ...articleTuple(r.article)]),
  ]);
  if (context.previous?.contentHash === contentHash) return null;
  const body: RankingListBody = {
    window: list.window,
    category: list.categorySlug,
    generatedAt: formatIsoSecond(context.generatedAtMs),
    items: withPreviousRanks(ranked, previousRanks(context.previous)).map((r) => ({
      rank: r.rank,
      previousRank: r.previousRank,
      views: r.value,
      visitors: visitors.get(r.article.id) ?? 0,
      article: r.article,
    })),
  };
  return { key: context.key, etag: listEtag({ ...body }), contentHash, publishedAtMs: Date.now(), body };
}

/**
 * The next version of a popular list, or null when order and accumulators are unchanged: scores
 * shrinking with time alone publish nothing, so the ETag holds while nobody reads anything.
 */
export function buildPopularList(
  context: BuildContext,
  list: { categorySlug: string | null; t0Ms: number; halfLifeMs: number },
  entries: readonly ListEntryInput[],
): PublishedList | null {
  const ranked = rank(entries);
  const contentHash = digest([list.categorySlug, list.t0Ms, list.halfLifeMs, ranked.map((r) => [r.value, ...articleTuple(r.article)])]);
  if (context.previous?.contentHash === contentHash) return null;
  const body: PopularListBody = {
    category: list.categorySlug,
    halfLife: formatDuration(list.halfLifeMs),
    generatedAt: formatIsoSecond(context.generatedAtMs),
    items: withPreviousRanks(ranked, previousRanks(context.previous)).map((r) => ({
      rank: r.rank,
      previousRank: r.previousRank,
      score: roundScore(scoreAt(r.value, list.t0Ms, context.generatedAtMs, list.halfLifeMs)),
      article: r.article,
    })),
  };
  return { key: context.key, etag: listEtag({ ...body }), contentHash, publishedAtMs: Date.now(), body };
}

/** A candidate for a trending list: the article, its views in the last hour and in the baseline hours. */
export interface TrendingEntryInput {
  article: ListArticle;
  views: number;
  baselineViews: number;
}

/**
 * The next version of a trending list, or null when it would show what `previous` shows. Only
 * articles above their baseline (score > 0) are in it; the order is by the unrounded score.
 */
export function buildTrendingList(
  context: BuildContext,
  list: { categorySlug: string | null },
  entries: readonly TrendingEntryInput[],
): PublishedList | null {
  const ranked = rankEntries(
    entries
      .map((entry) => ({ entry, baseline: baselinePerHour(entry.baselineViews) }))
      .map(({ entry, baseline }) => ({
        articleId: entry.article.id,
        value: trendingScore(entry.views, baseline),
        publishedAt: entry.article.publishedAt,
        entry,
        baseline,
      }))
      .filter((candidate) => candidate.value > 0),
    PUBLISHED_LIST_LENGTH,
  );
  const contentHash = digest([
    'trending',
    list.categorySlug,
    ranked.map((r) => [r.entry.views, r.entry.baselineViews, ...articleTuple(r.entry.article)]),
  ]);
  if (context.previous?.contentHash === contentHash) return null;
  const body: TrendingListBody = {
    category: list.categorySlug,
    generatedAt: formatIsoSecond(context.generatedAtMs),
    items: withPreviousRanks(ranked, previousRanks(context.previous)).map((r) => ({
      rank: r.rank,
      previousRank: r.previousRank,
      score: roundTrendingNumber(r.value),
      views: r.entry.views,
      baseline: roundTrendingNumber(r.baseline),
      article: r.entry.article,
    })),
  };
  return { key: context.key, etag: listEtag({ ...body }), contentHash, publishedAtMs: Date.now(), body };
}

/** Six significant digits: far inside the 1% a reader could notice, and short in JSON. */
function roundScore(score: number): number {
  return Number.isFinite(score) ? Number(score.toPrecision(6)) : 0;
}

const DURATION_UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
] as const;

/** `6h`, `90m`, `1500ms`: the largest unit that divides the duration evenly. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of DURATION_UNITS) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
