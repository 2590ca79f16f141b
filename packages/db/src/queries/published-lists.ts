import type { Db } from '../database.ts';

export interface PublishedListRecord {
  key: string;
  generatedAt: Date;
  etag: string;
  payload: Record<string, unknown>;
}

/** Appends published versions to the history `?at=` reads. */
export async function recordPublishedLists(db: Db, lists: readonly PublishedListRecord[]): Promise<void> {
  if (lists.length === 0) return;
  await db
    .insertInto('published_lists')
    .values(lists.map((list) => ({ list_key: list.key, generated_at: list.generatedAt, etag: list.etag, payload: JSON.stringify(list.payload) })))
    .onConflict((oc) => oc.columns(['list_key', 'generated_at']).doNothing())
    .execute();
}

/** The version of a list that was current at `at`: the newest published at or before it. */
export async function findPublishedListAt(db: Db, key: string, at: Date): Promise<PublishedListRecord | undefined> {
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
