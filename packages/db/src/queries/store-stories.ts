import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { storyKeys, type StoryInput } from '@newsrank/core';
import type { ArticleOutcome, ArticleUpdate, Database, NewArticleRow } from '../schema/index.ts';
import { COMPARED_FIELDS, mergeUpdate, newArticleRow, storyDiffers, type StoredFields } from './story-rows.ts';

/** An article this batch touches: a row to insert, or changes to apply to a stored one. */
interface Pending {
  id: string;
  fields: StoredFields;
  insert: NewArticleRow | null;
  update: ArticleUpdate | null;
}

/**
 * Stores stories as articles inside the caller's transaction, one row per story however often
 * and from wherever it is posted. Concurrent writers of the same story serialize on advisory
 * locks of its identity keys (taken in one sorted order, so they cannot deadlock); the unique
 * key table is the last line of defence.
 */
export async function storeStories(trx: Transaction<Database>, source: string, stories: StoryInput[]): Promise<ArticleOutcome[]> {
  const keysPerStory = stories.map((story) => storyKeys(source, story));
  const allKeys = [...new Set(keysPerStory.flat())];
  await sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(k, 0) as h from unnest(${allKeys}::text[]) as k order by h) as locks`.execute(
    trx,
  );

  const owner = new Map<string, string>();
  for (const row of await trx
    .selectFrom('article_keys')
    .select(['key', 'article_id'])
    .where('key', 'in', allKeys.length ? allKeys : [''])
    .execute()) {
    owner.set(row.key, row.article_id);
  }
  const known = new Map<string, Pending>();
  const existingIds = [...new Set(owner.values())];
  if (existingIds.length > 0) {
    const rows = await trx
      .selectFrom('articles')
      .select(['id', ...COMPARED_FIELDS])
      .where('id', 'in', existingIds)
      .execute();
    for (const { id, ...fields } of rows) known.set(id, { id, fields, insert: null, update: null });
  }

  const newKeys: { key: string; article_id: string }[] = [];
  const outcomes = stories.map((story, index): ArticleOutcome => {
    const keys = keysPerStory[index] ?? [];
    // Keys are ordered guid, url, fallback: the first one already known decides the article.
    const matchedId = keys.map((key) => owner.get(key)).find((id) => id !== undefined);
    const pending = matchedId === undefined ? undefined : known.get(matchedId);
    let outcome: ArticleOutcome['outcome'];
    let id: string;
    if (!pending) {
      id = randomUUID();
      const row = newArticleRow(id, source, story);
      known.set(id, { id, fields: pickCompared(row) as StoredFields, insert: row, update: null });
      outcome = 'inserted';
    } else {
      id = pending.id;
      const row = newArticleRow(id, source, story);
      if (storyDiffers(pending.fields, row)) {
        pending.fields = { ...pending.fields, ...pickCompared(row) };
        const changes = mergeUpdate(row);
        if (pending.insert) pending.insert = { ...pending.insert, ...changes } as NewArticleRow;
        else pending.update = { ...pending.update, ...changes };
        outcome = 'updated';
      } else {
        outcome = 'duplicate';
      }
    }
    for (const key of keys) {
      if (!owner.has(key)) {
        owner.set(key, id);
        newKeys.push({ key, article_id: id });
      }
    }
    return { id, guid: story.guid, url: story.url, outcome };
  });

  const inserts = [...known.values()].flatMap((entry) => (entry.insert ? [entry.insert] : []));
  if (inserts.length > 0) await trx.insertInto('articles').values(inserts).execute();
  for (const entry of known.values()) {
    if (entry.update) {
      await trx
        .updateTable('articles')
        .set({ ...entry.update, modified_at: sql`date_trunc('milliseconds', now())` })
        .where('id', '=', entry.id)
        .execute();
    }
  }
  if (newKeys.length > 0) {
    await trx
      .insertInto('article_keys')
      .values(newKeys)
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  return outcomes;
}

function pickCompared(row: NewArticleRow): Partial<StoredFields> {
  const picked: Partial<StoredFields> = {};
  for (const field of COMPARED_FIELDS) {
    const value = row[field];
    if (value !== null && value !== undefined) picked[field] = value;
  }
  return picked;
}
