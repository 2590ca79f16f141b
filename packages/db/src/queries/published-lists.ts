import type { Db } from '../database.ts';

/** A version to keep: `payload` is its JSON text (encodePublishedList in @newsrank/published-lists). */
export interface PublishedListRecord {
  key: string;
  generatedAt: Date;
  etag: string;
  payload: string;
}

/** A kept version as read back: `payload` is the parsed JSON, for readPublishedList to check. */
export interface StoredPublishedList {
  key: string;
  generatedAt: Date;
  etag: string;
  payload: unknown;
}

/** Appends published versions to the history `?at=` reads. */
export async function recordPublishedLists(db: Db, lists: readonly PublishedListRecord[]): Promise<void> {
  if (lists.length === 0) return;
  await db
    .insertInto('published_lists')
    .values(lists.map((list) => ({ list_key: list.key, generated_at: list.generatedAt, etag: list.etag, payload: list.payload })))
    .onConflict((oc) => oc.columns(['list_key', 'generated_at']).doNothing())
    .execute();
}

/** The version of a list that was current at `at`: the newest published at or before it. */
export async function findPublishedListAt(db: Db, key: string, at: Date): Promise<StoredPublishedList | undefined> {
  const row = await db
    .selectFrom('published_lists')
    .select(['list_key', 'generated_at', 'etag', 'payload'])
    .where('list_key', '=', key)
    .where('generated_at', '<=', at)
    .orderBy('generated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { key: row.list_key, generatedAt: row.generated_at, etag: row.etag, payload: row.payload };
}
