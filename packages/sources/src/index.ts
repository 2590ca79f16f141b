export type {
  FeedCadence,
  FetchFailureReason,
  FetchOutcome,
  FetchSettings,
  PollBounds,
  PollPlan,
  PollResult,
  SourceFetchState,
} from './contract.ts';

// The address guard: at subscribe time, on every hop of every fetch, and for WebSub hubs.
export { checkFetchUrl, MAX_URL_LENGTH, type AddressPolicy } from './guard/check-fetch-url.ts';
export { guardedLookup, type Resolver } from './guard/guarded-lookup.ts';
export { isPublicAddress } from './guard/public-address.ts';
export { SourceUrlError } from './guard/source-url-error.ts';

// Fetching.
export { FEED_ACCEPT, fetchFeed, type FetchOptions } from './fetch/fetch-feed.ts';
export { looksLikeFeed } from './fetch/looks-like-feed.ts';

// Planning the next fetch (pure).
export { feedCadence } from './poll/feed-cadence.ts';
export { planNextPoll, type PollInput } from './poll/plan-next-poll.ts';

// OPML.
export { exportOpml } from './opml/export-opml.ts';
export { OpmlError, type OpmlOutline } from './opml/opml-types.ts';
export { MAX_OPML_FEEDS, parseOpml } from './opml/parse-opml.ts';

// WebSub.
export { discoverHub, type HubDiscoveryInput } from './websub/discover-hub.ts';
export { renewAt } from './websub/lease.ts';
export { postToHub, type HubAnswer } from './websub/post-to-hub.ts';
export { verifyHubSignature } from './websub/signature.ts';
export { buildSubscribeRequest, MAX_SECRET_BYTES, newHubSecret, type SubscribeRequestInput } from './websub/subscribe-request.ts';
export { readHubVerification, type HubVerification } from './websub/verification.ts';
