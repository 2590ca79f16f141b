export {
  BUCKET_RESOLUTIONS,
  EVENT_CLOCK_SKEW_MS,
  RANKING_WINDOWS,
  bucketStart,
  isAcceptableEventTime,
  longestWindowMs,
  parseWindow,
  resolutionForWindow,
  windowBucketRange,
  windowMs,
} from './windows.ts';
export type { BucketResolution, EventTimeVerdict, RankingWindow, WindowBucketRange } from './windows.ts';

export { MAX_DECAY_EXPONENT, chooseRebaseT0, decayWeight, needsRebase, rebaseFactor, scoreAt } from './forward-decay.ts';

export { listEtag, rankEntries, withPreviousRanks } from './list-order.ts';
export type { RankInput, Ranked } from './list-order.ts';

export { aggregateViews } from './aggregate.ts';
export { windowIncrements, type WindowViews } from './window-increments.ts';
export type { ArticleViewAggregate, BucketCount, ViewEvent } from './aggregate.ts';

export { ALL_CATEGORIES, listKey, parseListKey, popularListKey, rankingListKey, trendingListKey } from './list-key.ts';
export type { ListKeyParts } from './list-key.ts';

export { eventKey } from './event-key.ts';

export { PUBLISHED_LIST_LENGTH, buildPopularList, buildRankingList, buildTrendingList, formatDuration } from './published-list.ts';
export {
  TRENDING_BASELINE_HOURS,
  TRENDING_RECENT_WINDOW,
  baselinePerHour,
  roundTrendingNumber,
  trendingBaselineHours,
  trendingScore,
} from './trending.ts';
export type {
  BuildContext,
  ListArticle,
  ListBody,
  ListEntryInput,
  PopularListBody,
  PublishedList,
  RankingListBody,
  TrendingEntryInput,
  TrendingListBody,
} from './published-list.ts';
