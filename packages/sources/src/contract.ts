/**
 * The shapes shared by fetching a source (fetch-feed, address guard), planning its next fetch
 * (poll-plan, pure) and the services that store and schedule sources.
 */

/** What is remembered of a source between fetches, for a conditional GET. */
export interface SourceFetchState {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchSettings {
  /** FETCH_ALLOW_PRIVATE: loopback, private, link-local… addresses allowed (tests, intranets). */
  allowPrivate: boolean;
  /** FEED_MAX_BYTES, applied to the body after decompression. */
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  /** Names newsrank, its version and its URL. */
  userAgent: string;
  /** At most this many redirects are followed (the SPEC says 5). */
  maxRedirects: number;
}

/** Why a fetch failed, in a word a person can act on; `message` says it in a sentence. */
export type FetchFailureReason =
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'connection'
  | 'refused-address'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-error'
  | 'rate-limited'
  | 'gone'
  | 'challenge'
  | 'not-a-feed';

interface FetchCommon {
  /** The URL the answer came from (after redirects), or was being fetched when it failed: the parser's base URL. */
  url: string;
  /** Set when a 301/308 was followed: the URL the source should be stored under from now on. */
  permanentUrl: string | null;
  /** Cache-Control max-age of the answer, in seconds. */
  maxAgeSeconds: number | null;
  elapsedMs: number;
}

export type FetchOutcome =
  | (FetchCommon & {
      kind: 'changed';
      status: number;
      /** Decompressed, at most maxBytes. */
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** WebSub hubs and self URLs named by the HTTP `Link` header (the document may name more). */
      hubLinks: string[];
      selfLinks: string[];
    })
  | (FetchCommon & { kind: 'not-modified'; status: 304 })
  | (FetchCommon & {
      kind: 'failed';
      status: number | null;
      reason: FetchFailureReason;
      message: string;
      /** Retry-After of a 429/503, in seconds. */
      retryAfterSeconds: number | null;
    });

/** What the feed itself says about how often it changes (read by the feed parser). */
export interface FeedCadence {
  /** Publication dates of the items in the document. */
  entryDates: Date[];
  /** RSS `ttl`, minutes. */
  ttlMinutes: number | null;
  /** `sy:updatePeriod` / `sy:updateFrequency`. */
  updatePeriod: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | null;
  updateFrequency: number | null;
  /** RSS `skipHours` (0–23, GMT) and `skipDays` (0 = Sunday … 6). */
  skipHours: number[];
  skipDays: number[];
}

export interface PollBounds {
  /** POLL_MIN_INTERVAL / POLL_MAX_INTERVAL, seconds. */
  minSeconds: number;
  maxSeconds: number;
  /** POLL_MAX_FAILURES: failures in a row before a source is disabled. */
  maxFailures: number;
}

/** How the fetch just made went, as the planner needs it. */
export type PollResult =
  | { kind: 'changed'; cadence: FeedCadence; maxAgeSeconds: number | null }
  | { kind: 'not-modified'; maxAgeSeconds: number | null }
  | { kind: 'failed'; reason: FetchFailureReason; message: string; status: number | null; retryAfterSeconds: number | null };

/** The next fetch of a source and its health, from the planner (pure). */
export interface PollPlan {
  status: 'ok' | 'failing' | 'disabled';
  /** The interval now in use, seconds (the Source's `interval`). */
  intervalSeconds: number;
  nextFetchAt: Date;
  consecutiveFailures: number;
  lastError: string | null;
}
