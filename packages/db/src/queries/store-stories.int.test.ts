import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoryInput } from '@newsrank/core';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import type { Db } from '../database.ts';
import { storeStories } from './store-stories.ts';

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
});
