import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** An article an access event named: its id and its URL (to tell the article's own site from other referrers). */
export interface ReferencedArticle {
  id: string;
  url: string | null;
}

export interface ArticleReferences {
  /** The asked ids that name an existing article. */
  ids: Map<string, ReferencedArticle>;
  /** Identity key (`url:<canonical>`) → the article it names. */
  keys: Map<string, ReferencedArticle>;
}

/**
 * Resolves the article ids and URL keys one request of access events names, in one round trip:
 * an events request must not cost a query per event.
 */
export async function resolveArticleReferences(db: Db, ids: string[], keys: string[]): Promise<ArticleReferences> {
  const result: ArticleReferences = { ids: new Map(), keys: new Map() };
  if (ids.length === 0 && keys.length === 0) return result;
  const rows = await sql<{ kind: 'id' | 'key'; ref: string; article_id: string; url: string | null }>`
    select 'id' as kind, id::text as ref, id::text as article_id, url from articles where id = any(${ids}::uuid[])
    union all
    select 'key', k.key, k.article_id::text, a.url from article_keys k join articles a on a.id = k.article_id
    where k.key = any(${keys}::text[])
  `.execute(db);
  for (const row of rows.rows) {
    const article = { id: row.article_id, url: row.url };
    if (row.kind === 'id') result.ids.set(row.ref, article);
    else result.keys.set(row.ref, article);
  }
  return result;
}
