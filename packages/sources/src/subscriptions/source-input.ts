import { parseDurationMs } from '@newsrank/config';
import type { PollBounds } from '../contract.ts';
import { SourceError } from './source-error.ts';

/** The slug rule posted feeds follow too (`?source=`): articles are filed under it. */
export const SOURCE_SLUG = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_CATEGORY_LENGTH = 100;
const MAX_URL_LENGTH = 2048;

export interface SubscribeInput {
  url: string;
  slug: string | null;
  category: string | null;
  /** Seconds; null lets the interval follow the feed. */
  intervalSeconds: number | null;
}

export interface SourcePatch {
  paused?: boolean;
  intervalSeconds?: number | null;
  category?: string | null;
}

type Body = Record<string, unknown>;

function objectBody(body: unknown, shape: string): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SourceError('invalid', 'invalid_body', `expected a JSON object such as ${shape}`);
  return body as Body;
}

/** `POST /v1/sources`: `{"url", "slug"?, "category"?, "interval"?}`. */
export function readSubscribeInput(body: unknown, bounds: PollBounds): SubscribeInput {
  const input = objectBody(body, '{"url": "https://example.com/feed.xml"}');
  if (typeof input.url !== 'string' || input.url.trim() === '')
    throw new SourceError('invalid', 'invalid_url', 'url is required: the http(s) address of a feed');
  if (input.url.length > MAX_URL_LENGTH) throw new SourceError('invalid', 'invalid_url', `url is longer than ${MAX_URL_LENGTH} characters`);
  let slug: string | null = null;
  if (input.slug !== undefined && input.slug !== null) {
    if (typeof input.slug !== 'string' || !SOURCE_SLUG.test(input.slug)) {
      throw new SourceError(
        'invalid',
        'invalid_slug',
        'slug must be 1-64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
      );
    }
    slug = input.slug;
  }
  return {
    url: input.url.trim(),
    slug,
    category: readCategory(input.category),
    intervalSeconds: input.interval === undefined ? null : readInterval(input.interval, bounds),
  };
}

/** `PATCH /v1/sources/:slug`: `{"paused"?, "interval"?, "category"?}`. */
export function readSourcePatch(body: unknown, bounds: PollBounds): SourcePatch {
  const input = objectBody(body, '{"paused": true}');
  const unknown = Object.keys(input).filter((key) => !['paused', 'interval', 'category'].includes(key));
  if (unknown.length > 0)
    throw new SourceError('invalid', 'invalid_body', `cannot change ${unknown.join(', ')}: a source takes paused, interval and category`);
  const patch: SourcePatch = {};
  if (input.paused !== undefined) {
    if (typeof input.paused !== 'boolean') throw new SourceError('invalid', 'invalid_paused', 'paused must be true or false');
    patch.paused = input.paused;
  }
  if (input.interval !== undefined) patch.intervalSeconds = readInterval(input.interval, bounds);
  if (input.category !== undefined) patch.category = readCategory(input.category);
  return patch;
}

function readCategory(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.trim().length > MAX_CATEGORY_LENGTH) {
    throw new SourceError('invalid', 'invalid_category', `category must be a string of at most ${MAX_CATEGORY_LENGTH} characters`);
  }
  return value.trim() || null;
}

/** Seconds as a number, or a duration with its unit (`15m`); null goes back to following the feed. */
function readInterval(value: unknown, bounds: PollBounds): number | null {
  if (value === null) return null;
  let seconds: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) seconds = value;
  else if (typeof value === 'string') {
    const ms = parseDurationMs(value);
    seconds = ms === null ? null : Math.round(ms / 1000);
  }
  if (seconds === null || seconds < bounds.minSeconds || seconds > bounds.maxSeconds) {
    throw new SourceError(
      'invalid',
      'invalid_interval',
      `interval must be whole seconds or a duration such as 15m, between ${bounds.minSeconds} and ${bounds.maxSeconds} seconds (POLL_MIN_INTERVAL..POLL_MAX_INTERVAL), or null to follow the feed`,
    );
  }
  return seconds;
}
