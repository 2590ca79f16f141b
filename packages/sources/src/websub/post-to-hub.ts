import type { FetchSettings } from '../contract.ts';
import { readBody } from '../fetch/read-body.ts';
import { describeNetworkError, FetchTimeout } from '../fetch/network-error.ts';
import { requestOnce } from '../fetch/request-once.ts';
import { checkFetchUrl } from '../guard/check-fetch-url.ts';
import { guardedLookup } from '../guard/guarded-lookup.ts';
import { SourceUrlError } from '../guard/source-url-error.ts';
import { STATUS_CODES } from 'node:http';

export interface HubAnswer {
  /** The hub took the request (2xx, normally 202); it verifies the intent with a GET to the callback next. */
  accepted: boolean;
  status: number | null;
  message: string;
}

/** How much of a hub's error answer is quoted in the message. */
const QUOTED_BYTES = 300;

/**
 * Sends a buildSubscribeRequest form to its hub through the same address guard as feed fetches
 * (the hub URL comes from the feed, so it is as untrusted as the feed's URL). No redirects are
 * followed: a hub answers a subscription itself.
 */
export async function postToHub(
  request: { url: string; body: URLSearchParams },
  settings: Pick<FetchSettings, 'allowPrivate' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'userAgent'>,
  options: { signal?: AbortSignal } = {},
): Promise<HubAnswer> {
  let url: URL;
  try {
    url = checkFetchUrl(request.url, { allowPrivate: settings.allowPrivate });
  } catch (error) {
    if (error instanceof SourceUrlError)
      return { accepted: false, status: null, message: `the hub ${request.url} is refused: ${error.message}` };
    throw error;
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FetchTimeout('total', settings.totalTimeoutMs)), settings.totalTimeoutMs);
  const signal = options.signal === undefined ? deadline.signal : AbortSignal.any([options.signal, deadline.signal]);
  const body = Buffer.from(request.body.toString());
  try {
    const res = await requestOnce({
      url,
      headers: { 'user-agent': settings.userAgent, 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length },
      body,
      lookup: guardedLookup(settings.allowPrivate),
      connectTimeoutMs: settings.connectTimeoutMs,
      signal,
    });
    const status = res.statusCode ?? 0;
    const said = `HTTP ${status}${STATUS_CODES[status] === undefined ? '' : ` ${STATUS_CODES[status]}`}`;
    if (status >= 200 && status < 300) {
      res.destroy();
      return { accepted: true, status, message: `the hub ${url.host} accepted the request (${said})` };
    }
    const quoted = (await readBody(res, { maxBytes: QUOTED_BYTES, truncate: true, signal }).catch(() => Buffer.alloc(0)))
      .toString('utf8')
      .replace(/\s+/g, ' ')
      .trim();
    return { accepted: false, status, message: `the hub ${url.host} refused the request (${said})${quoted === '' ? '' : `: ${quoted}`}` };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const cause = deadline.signal.aborted ? deadline.signal.reason : error;
    return { accepted: false, status: null, message: describeNetworkError(cause, url.host, 'request').message };
  } finally {
    clearTimeout(timer);
  }
}
