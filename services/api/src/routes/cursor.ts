import type { ArticleCursor } from '@newsrank/db';
import { isUuid } from '@newsrank/core';

/** Opaque to clients: base64url JSON of the last article's sort keys. */
export function encodeCursor(cursor: ArticleCursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedSort, cursor.ingestedAt, cursor.id])).toString('base64url');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
export function decodeCursor(raw: string): ArticleCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [publishedSort, ingestedAt, id] = value as unknown[];
    if (typeof publishedSort !== 'string' || (publishedSort !== '-infinity' && !ISO.test(publishedSort))) return null;
    if (typeof ingestedAt !== 'string' || !ISO.test(ingestedAt) || !isUuid(id)) return null;
    return { publishedSort, ingestedAt, id };
  } catch {
    return null;
  }
}
