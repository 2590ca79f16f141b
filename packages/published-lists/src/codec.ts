import { parseListKey, type ListKeyParts, type PublishedList } from '@newsrank/ranking';
import { LIST_KINDS } from './list-kinds.ts';

export type DecodedList = { ok: true; list: PublishedList } | { ok: false; problem: string };

/** The one text form of a version: the Redis hash, the channel and the history table all hold it. */
export function encodePublishedList(list: PublishedList): string {
  return JSON.stringify(list);
}

/** Reads a version back from its text form; anything else is refused with the reason. */
export function decodePublishedList(json: string): DecodedList {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  return readPublishedList(value);
}

/** The same check for a value already parsed (a jsonb column comes back as an object). */
export function readPublishedList(value: unknown): DecodedList {
  const problem = listProblem(value);
  return problem === null ? { ok: true, list: value as PublishedList } : { ok: false, problem };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInteger = (value: unknown) => Number.isSafeInteger(value);
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';

function listProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'not an object';
  if (typeof value.key !== 'string') return 'key is not a string';
  const parts = parseListKey(value.key);
  if (!parts) return `key ${JSON.stringify(value.key)} names no list`;
  if (typeof value.etag !== 'string') return 'etag is not a string';
  if (typeof value.contentHash !== 'string') return 'contentHash is not a string';
  if (typeof value.publishedAtMs !== 'number' || !Number.isFinite(value.publishedAtMs)) return 'publishedAtMs is not a number';
  return bodyProblem(value.body, parts);
}

function bodyProblem(body: unknown, parts: ListKeyParts): string | null {
  if (!isRecord(body)) return 'body is not an object';
  if (body.category !== parts.categorySlug) return `body.category is not ${JSON.stringify(parts.categorySlug)}`;
  if (typeof body.generatedAt !== 'string') return 'body.generatedAt is not a string';
  const kind = LIST_KINDS[parts.kind];
  const kindProblem = kind.checkBody(body, parts);
  if (kindProblem) return `body: ${kindProblem}`;
  if (!Array.isArray(body.items)) return 'body.items is not a list';
  for (const [index, item] of body.items.entries()) {
    const problem = itemProblem(item, kind.valueField);
    if (problem) return `body.items[${index}]: ${problem}`;
  }
  return null;
}

function itemProblem(item: unknown, valueField: string): string | null {
  if (!isRecord(item)) return 'not an object';
  if (!isInteger(item.rank)) return 'rank is not an integer';
  if (item.previousRank !== null && !isInteger(item.previousRank)) return 'previousRank is neither an integer nor null';
  if (typeof item[valueField] !== 'number') return `${valueField} is not a number`;
  const article = item.article;
  if (!isRecord(article)) return 'article is not an object';
  if (typeof article.id !== 'string' || typeof article.title !== 'string') return 'article has no id or title';
  if (!isStringOrNull(article.url) || !isStringOrNull(article.category) || !isStringOrNull(article.publishedAt))
    return 'article url, category or publishedAt is neither a string nor null';
  return null;
}
