import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { FetchFailureReason, FetchOutcome, FetchSettings, SourceFetchState } from '../contract.ts';
import { checkFetchUrl } from '../guard/check-fetch-url.ts';
import { guardedLookup } from '../guard/guarded-lookup.ts';
import { SourceUrlError } from '../guard/source-url-error.ts';
import { CHALLENGE_SNIFF_BYTES, challengeOf } from './challenge.ts';
import { parseLinkHeader, parseMaxAge, parseRetryAfter } from './http-headers.ts';
import { describeNetworkError, FetchTimeout } from './network-error.ts';
import { BodyError, readBody } from './read-body.ts';
import { requestOnce } from './request-once.ts';

export interface FetchOptions {
  /** Cancels the fetch (shutdown): fetchFeed then rejects with the signal's reason instead of answering. */
  signal?: AbortSignal;
  /** Clock for elapsedMs and HTTP-date Retry-After values. */
  now?: () => number;
}

export const FEED_ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml;q=0.9',
  'application/xml;q=0.9',
  'text/xml;q=0.9',
  'application/json;q=0.8',
  'text/html;q=0.5',
  '*/*;q=0.1',
].join(', ');

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
/** Validators are echoed back only when they are plain header text. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{1,1024}$/;

/**
 * Fetches a source's feed politely and safely (docs/sources.md): a conditional GET, compressed,
 * through the address guard on every hop, with redirects followed by hand, timeouts, and the
 * size bound applied after decompression. Every way it can go is a FetchOutcome; it rejects
 * only when `options.signal` cancels it.
 */
export function fetchFeed(state: SourceFetchState, settings: FetchSettings, options: FetchOptions = {}): Promise<FetchOutcome> {
  const network: FetchNetwork = {
    checkUrl: (url) => checkFetchUrl(url, { allowPrivate: settings.allowPrivate }),
    lookup: guardedLookup(settings.allowPrivate),
  };
  return fetchFeedThrough(network, state, settings, options);
}

/** The guard fetchFeed goes through; tests substitute it to reach a local server as if it were public. */
export interface FetchNetwork {
  /** checkFetchUrl with the settings' policy: called on every hop. */
  checkUrl: (url: string) => URL;
  /** guardedLookup with the settings' policy: the only resolver the sockets use. */
  lookup: LookupFunction;
}

export async function fetchFeedThrough(
  network: FetchNetwork,
  state: SourceFetchState,
  settings: FetchSettings,
  options: FetchOptions = {},
): Promise<FetchOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FetchTimeout('total', settings.totalTimeoutMs)), settings.totalTimeoutMs);
  const signal = options.signal === undefined ? deadline.signal : AbortSignal.any([options.signal, deadline.signal]);
  const { lookup } = network;
  const headers = requestHeaders(state, settings);
  let url = state.url;
  let host = URL.parse(url)?.host ?? url;
  let phase: 'request' | 'body' = 'request';
  let permanent = true;
  const seen = new Set<string>();

  const failed = (reason: FetchFailureReason, message: string, res?: IncomingMessage): FetchOutcome => ({
    kind: 'failed',
    status: res?.statusCode ?? null,
    reason,
    message,
    retryAfterSeconds:
      res !== undefined && (res.statusCode === 429 || res.statusCode === 503)
        ? parseRetryAfter(one(res.headers['retry-after']), now())
        : null,
    permanentUrl: null,
    maxAgeSeconds: res === undefined ? null : parseMaxAge(one(res.headers['cache-control'])),
    url,
    elapsedMs: now() - started,
  });

  try {
    for (let redirects = 0; ; redirects++) {
      let target: URL;
      try {
        target = network.checkUrl(url);
      } catch (error) {
        if (!(error instanceof SourceUrlError)) throw error;
        const message = redirects > 0 ? `redirected to ${url}, which is refused: ${error.message}` : error.message;
        return failed(error.code === 'refused-address' ? 'refused-address' : 'http-error', message);
      }
      host = target.host;
      seen.add(target.href);
      phase = 'request';
      const res = await requestOnce({ url: target, headers, lookup, connectTimeoutMs: settings.connectTimeoutMs, signal });
      const status = res.statusCode ?? 0;
      if (!REDIRECTS.has(status)) {
        phase = 'body';
        const permanentUrl = redirects > 0 && permanent && target.href !== state.url ? target.href : null;
        return await answer(res, target, permanentUrl);
      }
      res.destroy();
      const location = one(res.headers.location);
      const next = location === undefined ? null : URL.parse(location, target.href);
      if (next === null)
        return failed(
          'http-error',
          `HTTP ${status} from ${host} redirects ${location === undefined ? 'without a Location' : 'to an unreadable address'}`,
          res,
        );
      next.hash = '';
      if (redirects >= settings.maxRedirects) {
        const message = seen.has(next.href)
          ? `the redirects loop (back to ${next.href}) after ${redirects} redirects`
          : `more than ${settings.maxRedirects} redirects (the last to ${next.href})`;
        return failed('too-many-redirects', message, res);
      }
      permanent &&= PERMANENT.has(status);
      url = next.href;
    }
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof BodyError) return failed(error.kind === 'too-large' ? 'too-large' : 'http-error', error.message);
    const cause = deadline.signal.aborted ? deadline.signal.reason : error;
    const { reason, message } = describeNetworkError(cause, host, phase);
    return failed(reason, message);
  } finally {
    clearTimeout(timer);
  }

  async function answer(res: IncomingMessage, target: URL, permanentUrl: string | null): Promise<FetchOutcome> {
    const status = res.statusCode ?? 0;
    const maxAgeSeconds = parseMaxAge(one(res.headers['cache-control']));
    if (status === 304) {
      res.destroy();
      return { kind: 'not-modified', status: 304, permanentUrl, maxAgeSeconds, url: target.href, elapsedMs: now() - started };
    }
    if (status >= 200 && status < 300) {
      let body: Buffer;
      try {
        body = await readBody(res, { maxBytes: settings.maxBytes, signal });
      } catch (error) {
        if (error instanceof BodyError && !signal.aborted)
          return failed(error.kind === 'too-large' ? 'too-large' : 'http-error', error.message, res);
        throw error;
      }
      const links = parseLinkHeader(res.headers.link, target.href);
      return {
        kind: 'changed',
        status,
        body,
        contentType: one(res.headers['content-type']) ?? null,
        etag: one(res.headers.etag) ?? null,
        lastModified: one(res.headers['last-modified']) ?? null,
        hubLinks: links.hub,
        selfLinks: links.self,
        permanentUrl,
        maxAgeSeconds,
        url: target.href,
        elapsedMs: now() - started,
      };
    }
    const said = `HTTP ${status}${STATUS_CODES[status] === undefined ? '' : ` ${STATUS_CODES[status]}`}`;
    if (status === 410) {
      res.destroy();
      return failed('gone', `${said}: ${target.host} says the feed is gone for good`, res);
    }
    if (status === 401 || status === 403 || status === 503 || res.headers['cf-mitigated'] !== undefined) {
      const page = await readBody(res, { maxBytes: Math.min(CHALLENGE_SNIFF_BYTES, settings.maxBytes), truncate: true, signal }).catch(
        (error: unknown) => {
          if (signal.aborted) throw error;
          return Buffer.alloc(0);
        },
      );
      const service = challengeOf(res.headers, page);
      if (service !== null) return failed('challenge', `HTTP ${status} with a bot-challenge page (${service}) from ${target.host}`, res);
    } else {
      res.destroy();
    }
    if (status === 429 || (status === 503 && res.headers['retry-after'] !== undefined)) {
      const retryAfter = parseRetryAfter(one(res.headers['retry-after']), now());
      const wait = retryAfter === null ? '' : `; it asks to retry after ${retryAfter} s`;
      return failed('rate-limited', `${said} from ${target.host}${wait}`, res);
    }
    return failed('http-error', `${said} from ${target.host}`, res);
  }
}

function requestHeaders(state: SourceFetchState, settings: FetchSettings): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': settings.userAgent,
    accept: FEED_ACCEPT,
    'accept-encoding': 'gzip, br, deflate',
  };
  if (state.etag !== null && HEADER_VALUE.test(state.etag)) headers['if-none-match'] = state.etag;
  if (state.lastModified !== null && HEADER_VALUE.test(state.lastModified)) headers['if-modified-since'] = state.lastModified;
  return headers;
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
