import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface ArticleReferences {
  /** Which of the asked ids name an existing article. */
  ids: Set<string>;
  /** Identity key (`url:<canonical>`) → the article it names. */
  keys: Map<string, string>;
}

/**
 * Resolves the article ids and URL keys one request of access events names, in one round trip:
 * an events request must not cost a query per event.
 */
export async function resolveArticleReferences(db: Db, ids: string[], keys: string[]): Promise<ArticleReferences> {
  const result: ArticleReferences = { ids: new Set(), keys: new Map() };
  if (ids.length === 0 && keys.length === 0) return result;
  const rows = await sql<{ kind: 'id' | 'key'; ref: string; article_id: string }>`
    select 'id' as kind, id::text as ref, id::text as article_id from articles where id = any(${ids}::uuid[])
    union all
    select 'key', key, article_id::text from article_keys where key = any(${keys}::text[])
  `.execute(db);
  for (const row of rows.rows) {
    if (row.kind === 'id') result.ids.add(row.article_id);
    else result.keys.set(row.ref, row.article_id);
  }
  return result;
}
