import type { SourcePollingConfig } from '@newsrank/config';
import type { FetchSettings, PollBounds } from '../contract.ts';

export const NEWSRANK_VERSION = '0.1.0';
export const NEWSRANK_URL = 'https://github.com/newsrank/newsrank';
/** Publishers see who fetches them and where to read about it, as polite crawlers say. */
export const USER_AGENT = `newsrank/${NEWSRANK_VERSION} (+${NEWSRANK_URL}; feed fetcher)`;

/** What the sources code needs of the configuration, read once at start. */
export interface SourcesSettings {
  fetch: FetchSettings;
  bounds: PollBounds;
  /** Fetches in flight per host, across every ingest worker. */
  perHost: number;
  /** How long a claim holds a source before it may be claimed again (a fetch that died). */
  leaseMs: number;
  /** Callback base for WebSub hubs; null: sources are only polled. */
  publicUrl: string | null;
}

export function sourcesSettings(config: SourcePollingConfig, feedMaxBytes: number): SourcesSettings {
  return {
    fetch: {
      allowPrivate: config.fetchAllowPrivate,
      maxBytes: feedMaxBytes,
      connectTimeoutMs: config.fetchConnectTimeoutMs,
      totalTimeoutMs: config.fetchTimeoutMs,
      userAgent: USER_AGENT,
      maxRedirects: 5,
    },
    bounds: {
      minSeconds: Math.max(1, Math.round(config.pollMinIntervalMs / 1000)),
      maxSeconds: Math.max(1, Math.round(config.pollMaxIntervalMs / 1000)),
      maxFailures: config.pollMaxFailures,
    },
    perHost: config.fetchPerHost,
    // Long enough for a fetch that waits its turn in the queue and then times out.
    leaseMs: 2 * config.fetchTimeoutMs + 60_000,
    publicUrl: config.publicUrl,
  };
}
