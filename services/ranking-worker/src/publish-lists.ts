import type { WindowVisitors } from '@newsrank/analytics';
import {
  currentLandmark,
  recordPublishedLists,
  recordReachedRanks,
  topArticlesByPopularity,
  topArticlesInWindow,
  withSharedSnapshot,
  type Db,
} from '@newsrank/db';
import type { Logger } from '@newsrank/logger';
import { recordPublishLag } from '@newsrank/metrics';
import {
  PUBLISHED_LIST_LENGTH,
  RANKING_WINDOWS,
  buildPopularList,
  buildRankingList,
  parseListKey,
  popularListKey,
  rankingListKey,
  windowBucketRange,
  type PublishedList,
} from '@newsrank/ranking';
import type { RedisClient } from '@newsrank/queue';
import { historyRecord, loadPublished, stagePublishedLists, type PublishedListNames } from '@newsrank/published-lists';
import { entriesByScope, withFormerScopes } from './list-set.ts';
import { withPublishLock } from './publish-lock.ts';
import { computeTrendingLists } from './trending-lists.ts';
import { advanceWindows } from './window-horizons.ts';

export interface PublisherDeps {
  db: Db;
  redis: RedisClient;
  names: PublishedListNames;
  /** The deployment's metrics hash, where each publish records its lag (clusterMetricsKey). */
  metricsKey: string;
  halfLifeMs: number;
  /** TRENDING_MIN_VIEWS: views in the last hour an article needs to be trending. */
  trendingMinViews: number;
  logger: Logger;
  /** Counts the distinct visitors of the access rankings' entries. */
  visitors: WindowVisitors;
  /** Connections the tick's reads may spread over (publishReadLanes). */
  readLanes: number;
}

export type PublishOutcome = { status: 'busy' } | { status: 'idle' } | { status: 'published'; computed: number; changed: string[] };

/** Popular candidates scoring below 2^-40 of a view are left out of the scan. */
const NEGLIGIBLE_SCORE_EXPONENT = 40;
// Longer than any publish takes; short, because a killed publisher's lock blocks ticks until it expires.
const LOCK_TTL_MS = 5_000;

/**
 * One tick: if views were applied since the last publish, or a minute began (the 1h window
 * slides), compute every list, and publish the ones whose content changed — history row first,
 * then the Redis hash and a message on the channel in one MULTI. Lists that would show what they
 * already show keep their version, generatedAt and ETag.
 */
export async function publishLists(deps: PublisherDeps, nowMs = Date.now()): Promise<PublishOutcome> {
  const outcome = await withPublishLock(deps.redis, deps.names.publishLock, LOCK_TTL_MS, () => publishUnderLock(deps, nowMs));
  return outcome ?? { status: 'busy' };
}

async function publishUnderLock(deps: PublisherDeps, nowMs: number): Promise<PublishOutcome> {
  const { db, redis, names } = deps;
  const minute = String(Math.floor(nowMs / 60_000));
  const readAtMs = Date.now();
  const [applied, state] = await Promise.all([redis.get(names.appliedCounter), redis.hgetall(names.publisherState)]);
  const appliedSeen = applied ?? '0';
  if (state.applied === appliedSeen && state.minute === minute) return { status: 'idle' };

  const generatedAtMs = Math.floor(nowMs / 1000) * 1000;
  const previous = await loadPublished(redis, names, deps.logger);
  const { changed: next, computed } = await computeLists(deps, generatedAtMs, previous);

  if (next.length > 0) await Promise.all([recordPublishedLists(db, next.map(historyRecord)), recordBestRanks(db, next)]);
  const transaction = redis.multi();
  stagePublishedLists(transaction, names, next);
  transaction.hset(names.publisherState, 'applied', appliedSeen, 'minute', minute);
  recordPublishLag(transaction, {
    metricsKey: deps.metricsKey,
    appliedCounterKey: names.appliedCounter,
    appliedSeen,
    readAtMs,
    publishedAtMs: Date.now(),
  });
  await transaction.exec();
  // ms: the tick's cost from reading the counter to the lists being out (what the scale benchmark compares).
  if (next.length > 0)
    deps.logger.info({ lists: next.length, generatedAt: new Date(generatedAtMs), ms: Date.now() - readAtMs }, 'lists published');
  return { status: 'published', computed, changed: next.map((list) => list.key) };
}

/**
 * Connections a tick reads its lists over, out of the process's pool: the view applier keeps up
 * to two transactions in flight and the landmark or epoch upkeep may want one more. Past about
 * four, the lists' statements only queue for the database's cores.
 */
export function publishReadLanes(poolSize: number): number {
  return Math.max(1, Math.min(4, poolSize - 3));
}

/**
 * Every list, built fresh from one snapshot of the database, so the lists of one tick count the
 * same batches; returns only the versions that differ from what is published.
 */
async function computeLists(
  deps: PublisherDeps,
  generatedAtMs: number,
  previous: Map<string, PublishedList>,
): Promise<{ changed: PublishedList[]; computed: number }> {
  const { db, halfLifeMs } = deps;
  await advanceWindows(db, generatedAtMs);
  const { landmark, popular, trending, byWindow } = await withSharedSnapshot(db, deps.readLanes, async (read) => {
    const landmark = await read((reader) => currentLandmark(reader));
    const minAccumulator = 2 ** ((generatedAtMs - landmark.t0Ms) / halfLifeMs - NEGLIGIBLE_SCORE_EXPONENT);
    const [popular, trending, ...byWindow] = await Promise.all([
      read((reader) => topArticlesByPopularity(reader, minAccumulator, PUBLISHED_LIST_LENGTH)),
      read((reader) => computeTrendingLists(reader, deps.trendingMinViews, generatedAtMs, previous)),
      ...RANKING_WINDOWS.map((window) => read((reader) => topArticlesInWindow(reader, window, PUBLISHED_LIST_LENGTH))),
    ]);
    return { landmark, popular, trending, byWindow };
  });

  const changed: PublishedList[] = [];
  let computed = 0;
  const context = (key: string) => ({ key, generatedAtMs, previous: previous.get(key) ?? null });
  const keep = (list: PublishedList | null) => {
    computed += 1;
    if (list) changed.push(list);
  };

  const visitorsByWindow = await Promise.all(
    RANKING_WINDOWS.map((window, i) => {
      const range = windowBucketRange(window, generatedAtMs);
      const queries = new Map((byWindow[i] ?? []).map((c) => [c.articleId, c.value]));
      return deps.visitors.count(
        window,
        [...queries].map(([articleId, views]) => ({
          articleId,
          views,
          fromMs: range.fromInclusive.getTime(),
          toMs: range.toExclusive.getTime(),
        })),
        generatedAtMs,
      );
    }),
  );
  RANKING_WINDOWS.forEach((window, i) => {
    for (const [scope, entries] of withFormerScopes(
      entriesByScope(byWindow[i] ?? [], visitorsByWindow[i]),
      previous,
      (parts) => parts.kind === 'ranking' && parts.window === window,
    )) {
      const key = rankingListKey(window, scope);
      keep(buildRankingList(context(key), { window, categorySlug: scope }, entries));
    }
  });
  for (const [scope, entries] of withFormerScopes(entriesByScope(popular), previous, (parts) => parts.kind === 'popular')) {
    keep(buildPopularList(context(popularListKey(scope)), { categorySlug: scope, t0Ms: landmark.t0Ms, halfLifeMs }, entries));
  }
  trending.forEach(keep);
  return { changed, computed };
}
/** Site-wide access rankings whose best ranks the stats report. */
const BEST_RANK_WINDOWS = new Set(['24h', '7d', '30d']);

/** Each article's rank in the site-wide rankings just published, kept where it is its best. */
async function recordBestRanks(db: Db, lists: readonly PublishedList[]): Promise<void> {
  const rows = lists.flatMap((list) => {
    const parts = parseListKey(list.key);
    if (parts?.kind !== 'ranking' || parts.categorySlug !== null || !BEST_RANK_WINDOWS.has(parts.window)) return [];
    return list.body.items.map((item) => ({
      articleId: item.article.id,
      windowName: parts.window,
      rank: item.rank,
      reachedAt: new Date(list.publishedAtMs),
    }));
  });
  await recordReachedRanks(db, rows);
}
