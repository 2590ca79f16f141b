import { slugify, type StoryInput } from '@newsrank/core';
import type { ArticleRow, ArticleUpdate, NewArticleRow } from '../schema/index.ts';

// PostgreSQL text cannot hold U+0000; one such byte must not fail a whole batch.
const clean = (value: string | null): string | null => (value === null ? null : value.replaceAll('\u0000', ''));

export function newArticleRow(id: string, source: string, story: StoryInput): NewArticleRow {
  return {
    id,
    source,
    guid: clean(story.guid),
    url: clean(story.url),
    canonical_url: null,
    title: clean(story.title) ?? '',
    summary: clean(story.summary),
    content_html: clean(story.contentHtml),
    author: clean(story.author),
    category: clean(story.category),
    category_slug: story.category ? slugify(story.category) || null : null,
    tags: story.tags.map((tag) => clean(tag) ?? ''),
    dateline: clean(story.dateline),
    image_url: clean(story.imageUrl),
    image_caption: clean(story.imageCaption),
    language: clean(story.language),
    published_at: story.publishedAt,
    published_at_origin: story.publishedAt ? story.publishedAtOrigin : null,
    published_time_zone: story.publishedAt ? clean(story.publishedTimeZone) : null,
    updated_at: story.updatedAt,
  };
}

/** The fields whose change makes a re-posted story an update rather than a duplicate. */
export const COMPARED_FIELDS = ['title', 'summary', 'content_html', 'category'] as const;

export function storyDiffers(stored: StoredFields, incoming: NewArticleRow): boolean {
  return COMPARED_FIELDS.some((field) => {
    const value = incoming[field];
    return value !== null && value !== undefined && value !== stored[field];
  });
}

export type StoredFields = Pick<ArticleRow, (typeof COMPARED_FIELDS)[number]>;

/** A version's carried fields replace the stored ones; fields it lacks are kept. */
/** The columns a story carries (what a new version may replace), in one place for reading and merging. */
export const STORY_FIELD_COLUMNS = [
  'guid',
  'url',
  'title',
  'summary',
  'content_html',
  'author',
  'category',
  'category_slug',
  'tags',
  'dateline',
  'image_url',
  'image_caption',
  'language',
  'published_at',
  'published_time_zone',
  'updated_at',
] as const;

export function mergeUpdate(incoming: NewArticleRow): ArticleUpdate {
  const update: ArticleUpdate = {};
  const carried = <K extends keyof NewArticleRow & keyof ArticleUpdate>(key: K) => {
    const value = incoming[key];
    if (value === null || value === undefined) return;
    if (Array.isArray(value) && value.length === 0) return;
    (update as Record<string, unknown>)[key] = value;
  };
  for (const key of STORY_FIELD_COLUMNS) {
    carried(key);
  }
  if (incoming.published_at) update.published_at_origin = incoming.published_at_origin ?? null;
  return update;
}
