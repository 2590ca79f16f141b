import { DocumentError, parseDocument } from '@newsrank/feed-parser';

/** What the API needs to know about a posted document before accepting it. */
export type DocumentCheck =
  | { ok: true; format: string; feedUrl: string | null; items: number; rejected: number; warnings: string[] }
  | { ok: false; code: DocumentError['code']; message: string };

export function checkDocument(body: Uint8Array, contentType: string | undefined): DocumentCheck {
  try {
    const parsed = parseDocument(body, { contentType });
    return { ok: true, format: parsed.format, feedUrl: parsed.feed.url, items: parsed.articles.length, rejected: parsed.rejected.length, warnings: parsed.warnings };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
