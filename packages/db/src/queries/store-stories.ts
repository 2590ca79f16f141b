import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { storyKeys, type StoryInput } from '@newsrank/core';
import type { ArticleOutcome, ArticleUpdate, Database, NewArticleRow } from '../schema/index.ts';
import { unnestRows, type ColumnSpec } from './column-arrays.ts';
import { COMPARED_FIELDS, STORY_FIELD_COLUMNS, mergeUpdate, newArticleRow, storyDiffers, type StoredFields } from './story-rows.ts';

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
 * key table is the last line of defence. A batch costs a fixed number of statements whatever
 * its size: the locks, the key lookup, the stored articles it matched (if any), one insert of
 * its new articles and keys, one update of the changed ones (if any).
 */
export async function storeStories(trx: Transaction<Database>, source: string, stories: StoryInput[]): Promise<ArticleOutcome[]> {
  const keysPerStory = stories.map((story) => storyKeys(source, story));
  const allKeys = [...new Set(keysPerStory.flat())];
  if (allKeys.length === 0) return [];
  await sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(k, 0) as h from unnest(${allKeys}::text[]) as k order by h) as locks`.execute(
    trx,
  );

  const owner = await keyOwners(trx, allKeys);
  const known = new Map<string, Pending>();
  const existingIds = [...new Set(owner.values())];
  if (existingIds.length > 0) {
    const rows = await trx
      .selectFrom('articles')
      .select(['id', ...COMPARED_FIELDS])
      .where(sql<boolean>`id = any(${existingIds}::uuid[])`)
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

  const inserts: NewArticleRow[] = [];
  const updates: (ArticleUpdate & { id: string })[] = [];
  for (const entry of known.values()) {
    if (entry.insert) inserts.push(entry.insert);
    else if (entry.update) updates.push({ ...entry.update, id: entry.id });
  }
  await insertArticlesAndKeys(trx, inserts, newKeys);
  if (updates.length > 0) await updateArticles(trx, updates);
  return outcomes;
}

/** Which article each key already belongs to. */
async function keyOwners(trx: Transaction<Database>, keys: string[]): Promise<Map<string, string>> {
  const { rows } = await keyOwnersQuery(keys).execute(trx);
  const owner = new Map<string, string>();
  for (const row of rows) if (row.article_id !== null) owner.set(row.key, row.article_id);
  return owner;
}

/**
 * One index probe per key, written as a subquery per key so the plan cannot become a scan of the
 * whole key table: for `key in (…500 keys…)` the planner judged a sequential scan cheaper on a
 * table of tens of thousands of keys (13 ms a batch there, and growing with every article stored).
 */
export function keyOwnersQuery(keys: string[]): RawBuilder<{ key: string; article_id: string | null }> {
  return sql`
    select u.key, (select k.article_id from article_keys k where k.key = u.key) as article_id
    from unnest(${keys}::text[]) as u(key)
  `;
}

type ColumnName = keyof NewArticleRow & string;
const COLUMN_TYPES: Partial<Record<ColumnName, ColumnSpec<unknown>['type']>> = {
  id: 'uuid',
  published_at: 'timestamptz',
  updated_at: 'timestamptz',
};
const column = <Row extends Partial<Record<ColumnName, unknown>>>(name: ColumnName): ColumnSpec<Row> => ({
  name,
  type: COLUMN_TYPES[name] ?? 'text',
  ...(name === 'tags' ? { array: true as const } : {}),
  value: (row) => row[name],
});

// Exactly the fields newArticleRow fills (a test stores one of each).
const INSERTED_COLUMNS = (['id', 'source', 'canonical_url', ...STORY_FIELD_COLUMNS, 'published_at_origin'] as const).map((name) =>
  column<NewArticleRow>(name),
);

const KEY_COLUMNS: ColumnSpec<{ key: string; article_id: string }>[] = [
  { name: 'key', type: 'text', value: (row) => row.key },
  { name: 'article_id', type: 'uuid', value: (row) => row.article_id },
];

/**
 * New articles and their keys in one statement: the keys' foreign key is checked at the end of
 * the statement, when the articles are in place. A key another writer recorded first is left to
 * it (the advisory locks make that impossible; the unique key is the backstop).
 */
async function insertArticlesAndKeys(
  trx: Transaction<Database>,
  articles: NewArticleRow[],
  keys: { key: string; article_id: string }[],
): Promise<void> {
  if (articles.length === 0 && keys.length === 0) return;
  const columns = sql.join(INSERTED_COLUMNS.map((column) => sql.ref(column.name)));
  const values = sql.join(
    INSERTED_COLUMNS.map((column) => (column.array ? sql`${sql.ref(`v.${column.name}`)}::text[]` : sql.ref(`v.${column.name}`))),
  );
  await sql`
    with inserted as (
      insert into articles (${columns}) select ${values} from ${unnestRows(INSERTED_COLUMNS, articles)}
    )
    insert into article_keys (key, article_id) select v.key, v.article_id from ${unnestRows(KEY_COLUMNS, keys)}
    on conflict (key) do nothing
  `.execute(trx);
}

type UpdateRow = ArticleUpdate & { id: string };

// What a new version may replace (mergeUpdate): a column it does not carry travels as null.
const UPDATED_COLUMNS = (['id', ...STORY_FIELD_COLUMNS, 'published_at_origin'] as const).map((name) => column<UpdateRow>(name));

/** Every changed article in one statement; each keeps the fields its new version does not carry. */
async function updateArticles(trx: Transaction<Database>, updates: UpdateRow[]): Promise<void> {
  const assignments = UPDATED_COLUMNS.filter((column) => column.name !== 'id').map((column) => {
    const target = sql.ref(column.name);
    const incoming = sql.ref(`v.${column.name}`);
    // The origin belongs to the date: it is replaced, even by null, exactly when the date is.
    if (column.name === 'published_at_origin')
      return sql`${target} = case when v.published_at is null then a.published_at_origin else ${incoming} end`;
    if (column.array) return sql`${target} = coalesce(${incoming}::text[], ${sql.ref(`a.${column.name}`)})`;
    return sql`${target} = coalesce(${incoming}, ${sql.ref(`a.${column.name}`)})`;
  });
  await sql`
    update articles as a set ${sql.join(assignments)}, modified_at = date_trunc('milliseconds', now())
    from ${unnestRows(UPDATED_COLUMNS, updates)}
    where a.id = v.id
  `.execute(trx);
}

function pickCompared(row: NewArticleRow): Partial<StoredFields> {
  const picked: Partial<StoredFields> = {};
  for (const field of COMPARED_FIELDS) {
    const value = row[field];
    if (value !== null && value !== undefined) picked[field] = value;
  }
  return picked;
}
