export type {
  FeedCadence, FetchFailureReason, FetchOutcome, FetchSettings, PollBounds, PollPlan, PollResult, SourceFetchState,
} from './contract.ts';
export { checkFetchUrl, type AddressPolicy } from './guard/check-fetch-url.ts';
export { guardedLookup } from './guard/guarded-lookup.ts';
export { isPublicAddress } from './guard/public-address.ts';
export { SourceUrlError } from './guard/source-url-error.ts';
export { planNextPoll, type PollInput } from './poll/plan-next-poll.ts';
export { fetchFeed, FEED_ACCEPT, type FetchOptions } from './fetch/fetch-feed.ts';
export { looksLikeFeed } from './fetch/looks-like-feed.ts';
