import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoryInput } from '@newsrank/core';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import type { Db } from '../database.ts';
import { keyOwnersQuery, storeStories } from './store-stories.ts';
import { newArticleRow } from './story-rows.ts';

const story = (overrides: Partial<StoryInput>): StoryInput => ({
  guid: null,
  url: null,
  title: 'A title',
  summary: null,
  contentHtml: null,
  author: null,
  category: null,
  tags: [],
  dateline: null,
  imageUrl: null,
  imageCaption: null,
  language: null,
  publishedAt: '2025-01-13T09:42:00Z',
  publishedAtOrigin: 'feed',
  publishedTimeZone: null,
  updatedAt: null,
  ...overrides,
});

let database: TestDatabase;
let db: Db;
const store = (source: string, stories: StoryInput[]) => db.transaction().execute((trx) => storeStories(trx, source, stories));
const articleCount = async () =>
  Number(
    (
      await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.drop());
beforeEach(async () => {
  await db.deleteFrom('articles').execute();
});

describe('storeStories', () => {
  it('a new story is inserted and its identities recorded', async () => {
    const [outcome] = await store('paper', [story({ guid: 'g-1', url: 'https://Paper.example/a?utm_source=rss' })]);
    expect(outcome?.outcome).toBe('inserted');
    const keys = await db.selectFrom('article_keys').select('key').orderBy('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['guid:g-1', 'url:https://paper.example/a']);
  });

  it('the same guid from another source is a duplicate', async () => {
    await store('paper', [story({ guid: 'g-1', title: 'T' })]);
    const [outcome] = await store('aggregator', [story({ guid: 'g-1', title: 'T' })]);
    expect(outcome?.outcome).toBe('duplicate');
    expect(await articleCount()).toBe(1);
  });

  it('the same canonical URL with another guid is the same story', async () => {
    const [first] = await store('paper', [story({ guid: 'tag:paper,2025:1', url: 'https://paper.example/a' })]);
    const [second] = await store('aggregator', [story({ guid: 'other-id', url: 'https://PAPER.example/a?fbclid=1#top' })]);
    expect(second?.outcome).toBe('duplicate');
    expect(second?.id).toBe(first?.id);
    expect(await articleCount()).toBe(1);
  });

  it('a changed title updates in place, keeping fields the new version lacks', async () => {
    const [first] = await store('paper', [story({ guid: 'g-1', title: 'Old', author: 'Reporter', category: 'Politics' })]);
    const [second] = await store('paper', [story({ guid: 'g-1', title: 'New', author: null, category: null })]);
    expect(second).toMatchObject({ id: first?.id, outcome: 'updated' });
    const row = await db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'New', author: 'Reporter', category: 'Politics', category_slug: 'politics' });
  });

  it('the printed zone is stored; a version printing another replaces it, one printing none keeps it', async () => {
    const zoneOf = async () =>
      (await db.selectFrom('articles').select('published_time_zone').executeTakeFirstOrThrow()).published_time_zone;
    await store('paper', [story({ guid: 'g-1', title: 'One', publishedTimeZone: 'Asia/Tokyo' })]);
    expect(await zoneOf()).toBe('Asia/Tokyo');
    expect((await store('paper', [story({ guid: 'g-1', title: 'Two', publishedTimeZone: null })]))[0]?.outcome).toBe('updated');
    expect(await zoneOf()).toBe('Asia/Tokyo');
    expect((await store('paper', [story({ guid: 'g-1', title: 'Three', publishedTimeZone: '+09:00' })]))[0]?.outcome).toBe('updated');
    expect(await zoneOf()).toBe('+09:00');
  });

  it('an undated story keeps no printed zone', async () => {
    await store('paper', [story({ guid: 'g-2', publishedAt: null, publishedTimeZone: 'Asia/Tokyo' })]);
    expect(await db.selectFrom('articles').select('published_time_zone').executeTakeFirstOrThrow()).toEqual({ published_time_zone: null });
  });

  it('only title, summary, content or category make an update', async () => {
    await store('paper', [story({ guid: 'g-1', author: 'A' })]);
    const [again] = await store('paper', [story({ guid: 'g-1', author: 'B' })]);
    expect(again?.outcome).toBe('duplicate');
  });

  it('a story with neither guid nor URL is known by source, title and time', async () => {
    await store('paper', [story({ title: 'Plain' })]);
    expect((await store('paper', [story({ title: 'Plain' })]))[0]?.outcome).toBe('duplicate');
    expect((await store('other', [story({ title: 'Plain' })]))[0]?.outcome).toBe('inserted');
    expect(await articleCount()).toBe(2);
  });

  it('the same story twice in one batch is stored once', async () => {
    const outcomes = await store('paper', [
      story({ guid: 'g-1', title: 'One' }),
      story({ guid: 'g-1', title: 'One' }),
      story({ url: 'https://paper.example/x', guid: 'g-1', title: 'Two' }),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['inserted', 'duplicate', 'updated']);
    const rows = await db.selectFrom('articles').select(['title']).execute();
    expect(rows).toEqual([{ title: 'Two' }]);
  });

  it('U+0000 in a field does not fail the batch', async () => {
    const [outcome] = await store('paper', [story({ guid: 'g-0', title: 'Null\u0000byte', summary: 'x\u0000' })]);
    expect(outcome?.outcome).toBe('inserted');
    expect((await db.selectFrom('articles').select('title').executeTakeFirstOrThrow()).title).toBe('Nullbyte');
  });

  it('a lone surrogate in a field or a tag does not fail the batch', async () => {
    const outcomes = await store('paper', [story({ guid: 'g-s', title: 'Half \ud800 pair', tags: ['x\udc00'] }), story({ guid: 'g-ok' })]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['inserted', 'inserted']);
    const row = await db.selectFrom('articles').select(['title', 'tags']).where('guid', '=', 'g-s').executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Half \ufffd pair', tags: ['x\ufffd'] });
  });

  it('concurrent stores of one story from many writers leave exactly one row', async () => {
    const writers = Array.from({ length: 12 }, (_, i) =>
      store(`source-${i % 3}`, [
        story({ guid: `shared-${i % 2 === 0 ? 'a' : 'b'}`, url: 'https://paper.example/shared', title: 'Shared' }),
        story({ guid: `own-${i}`, title: `Own ${i}` }),
      ]),
    );
    const results = await Promise.all(writers);
    const sharedIds = new Set(results.map((outcomes) => outcomes[0]?.id));
    expect(sharedIds.size).toBe(1);
    expect(await articleCount()).toBe(13);
    expect(results.flat().filter((o) => o.outcome === 'inserted')).toHaveLength(13);
  });

  it('every field of a new story is stored', async () => {
    const full = story({
      guid: 'g-full',
      url: 'https://paper.example/full',
      title: 'Full',
      summary: 'Summary',
      contentHtml: '<p>Content</p>',
      author: 'Reporter',
      category: 'World News',
      tags: ['a', 'b'],
      dateline: 'TOKYO',
      imageUrl: 'https://paper.example/i.jpg',
      imageCaption: 'Caption',
      language: 'en',
      publishedAt: '2025-01-13T09:42:00Z',
      publishedAtOrigin: 'page-metadata',
      publishedTimeZone: 'Asia/Tokyo',
      updatedAt: '2025-01-13T10:00:00Z',
    });
    const [outcome] = await store('paper', [full]);
    const row = await db.selectFrom('articles').selectAll().where('id', '=', outcome!.id).executeTakeFirstOrThrow();
    const expected = newArticleRow(outcome!.id, 'paper', full);
    for (const [field, value] of Object.entries(expected)) {
      const stored = row[field as keyof typeof row];
      expect([field, stored instanceof Date ? stored.toISOString() : stored]).toEqual([
        field,
        typeof value === 'string' && stored instanceof Date ? new Date(value).toISOString() : value,
      ]);
    }
  });

  it('tags survive whatever characters they hold', async () => {
    const tags = ['"quoted"', 'back\\slash', 'comma, inside', '{braces}', 'NULL', '', 'ünïcödé 東京', "it's"];
    await store('paper', [story({ guid: 'g-tags', tags }), story({ guid: 'g-none', tags: [] })]);
    const rows = await db.selectFrom('articles').select(['guid', 'tags']).orderBy('guid').execute();
    expect(rows).toEqual([
      { guid: 'g-none', tags: [] },
      { guid: 'g-tags', tags },
    ]);
  });

  it('many changed stories in one batch each take their own new fields and keep what their version lacks', async () => {
    const count = 40;
    await store(
      'paper',
      Array.from({ length: count }, (_, i) =>
        story({
          guid: `u-${i}`,
          title: `Old ${i}`,
          author: `Author ${i}`,
          category: 'Politics',
          tags: ['kept'],
          publishedAt: '2025-01-13T09:42:00Z',
          publishedAtOrigin: 'feed',
          publishedTimeZone: 'Asia/Tokyo',
        }),
      ),
    );
    // Even ones: a new title, a new date from another origin, new tags. Odd ones: a new category, no date, no tags.
    const outcomes = await store(
      'paper',
      Array.from({ length: count }, (_, i) =>
        i % 2 === 0
          ? story({
              guid: `u-${i}`,
              title: `New ${i}`,
              tags: ['fresh', `t${i}`],
              publishedAt: '2025-02-01T00:00:00Z',
              publishedAtOrigin: 'page-metadata',
              publishedTimeZone: null,
            })
          : story({
              guid: `u-${i}`,
              title: `Old ${i}`,
              category: 'Sport',
              publishedAt: null,
              publishedAtOrigin: null,
              publishedTimeZone: null,
            }),
      ),
    );
    expect(outcomes.every((o) => o.outcome === 'updated')).toBe(true);
    const rows = await db
      .selectFrom('articles')
      .select([
        'guid',
        'title',
        'author',
        'category',
        'category_slug',
        'tags',
        'published_at',
        'published_at_origin',
        'published_time_zone',
      ])
      .execute();
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      const i = Number(row.guid?.slice(2));
      if (i % 2 === 0) {
        expect(row).toMatchObject({
          title: `New ${i}`,
          author: `Author ${i}`,
          category: 'Politics',
          tags: ['fresh', `t${i}`],
          published_at: new Date('2025-02-01T00:00:00Z'),
          published_at_origin: 'page-metadata',
          published_time_zone: 'Asia/Tokyo',
        });
      } else {
        expect(row).toMatchObject({
          title: `Old ${i}`,
          author: `Author ${i}`,
          category: 'Sport',
          category_slug: 'sport',
          tags: ['kept'],
          published_at: new Date('2025-01-13T09:42:00Z'),
          published_at_origin: 'feed',
          published_time_zone: 'Asia/Tokyo',
        });
      }
    }
  });

  it('an update moves the article in the lists it is counted in', async () => {
    const [first] = await store('paper', [story({ guid: 'g-list', title: 'One', category: 'Politics' })]);
    await sql`
      insert into article_popularity (article_id, accumulator, views, last_viewed_at, category_slug, published_sort)
      values (${first!.id}, 1, 1, now(), 'politics', now())
    `.execute(db);
    await store('paper', [story({ guid: 'g-list', title: 'Two', category: 'Sport' })]);
    const row = await sql<{ category_slug: string }>`select category_slug from article_popularity where article_id = ${first!.id}`.execute(
      db,
    );
    expect(row.rows).toEqual([{ category_slug: 'sport' }]);
  });

  it('a known story seen under a new URL is found by that URL afterwards', async () => {
    const [first] = await store('paper', [story({ guid: 'g-moved', url: 'https://paper.example/old', title: 'T' })]);
    const [moved] = await store('paper', [story({ guid: 'g-moved', url: 'https://paper.example/new', title: 'T' })]);
    const [byUrl] = await store('aggregator', [story({ url: 'https://paper.example/new', title: 'T' })]);
    expect([moved?.id, byUrl?.id]).toEqual([first?.id, first?.id]);
    expect(byUrl?.outcome).toBe('duplicate');
    expect(await articleCount()).toBe(1);
  });

  it('the key lookup probes the key index, never scans the key table', async () => {
    await sql`insert into articles (id, source, title) select gen_random_uuid(), 'plan', 'Story ' || i from generate_series(1, 20000) i`.execute(
      db,
    );
    await sql`insert into article_keys (key, article_id) select 'guid:plan-' || title, id from articles where source = 'plan'`.execute(db);
    await sql`analyze articles, article_keys`.execute(db);
    const keys = Array.from({ length: 500 }, (_, i) => `guid:plan-Story ${i * 7 + 1}`);
    const explained = await sql<{ 'QUERY PLAN': string }>`explain ${keyOwnersQuery(keys)}`.execute(db);
    const plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('Index Scan using article_keys_pkey on article_keys');
    expect(plan).not.toContain('Seq Scan on article_keys');
    const { rows } = await keyOwnersQuery([...keys, 'guid:absent']).execute(db);
    expect(rows.filter((row) => row.article_id !== null)).toHaveLength(500);
    expect(rows.find((row) => row.key === 'guid:absent')).toEqual({ key: 'guid:absent', article_id: null });
  });
});
