import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { isUuid } from '@newsrank/core';
import type { ArticleRecord } from './queries/articles.ts';
import type { IngestJobView } from './queries/ingest-jobs.ts';
import { Article, IngestJob } from '@newsrank/wire';
import { presentArticle, presentIngestJob } from './present.ts';

// The formats the document names, held to the forms the API promises (dates at second precision, UTC).
FormatRegistry.Set('uuid', isUuid);
FormatRegistry.Set('uri', (value) => URL.canParse(value));
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value));

const problems = (schema: TSchema, value: unknown) => [...Value.Errors(schema, value)].map((error) => `${error.path}: ${error.message}`);

const row: ArticleRecord = {
  id: '3f7c2a4e-8b7d-4c1e-9a2b-1234567890ab',
  source: 'example.jp',
  guid: 'tag:example.jp,2025:1',
  url: 'https://example.jp/news/1',
  title: 'Budget passes',
  summary: 'The budget passed.',
  content_html: '<p>The budget passed.</p>',
  author: null,
  category: 'Politics',
  category_slug: 'politics',
  tags: ['budget'],
  dateline: 'TOKYO',
  image_url: null,
  image_caption: null,
  language: 'ja',
  published_at: new Date('2025-01-13T09:42:00.250Z'),
  published_time_zone: 'Asia/Tokyo',
  updated_at: null,
  ingested_at: new Date('2025-01-13T09:45:10Z'),
  published_sort: new Date('2025-01-13T09:42:00.250Z'),
};

describe('presentArticle', () => {
  it('answers what the Article schema describes, dates cut to the second', () => {
    const article = presentArticle(row);
    expect(problems(Article, article)).toEqual([]);
    expect(article).toMatchObject({
      publishedAt: '2025-01-13T09:42:00Z',
      timeZone: 'Asia/Tokyo',
      contentHtml: '<p>The budget passed.</p>',
      categorySlug: 'politics',
    });
    expect(Object.keys(article)).toEqual(Object.keys(Article.properties));
  });
});

describe('presentIngestJob', () => {
  const job: IngestJobView = {
    id: '5b0c1f8e-2a3d-4e5f-8a9b-0c1d2e3f4a5b',
    source: 'example.jp',
    kind: 'feed',
    content_type: 'application/rss+xml',
    format: 'rss',
    status: 'completed',
    received_at: new Date('2025-01-13T09:45:00.900Z'),
    started_at: new Date('2025-01-13T09:45:01Z'),
    finished_at: new Date('2025-01-13T09:45:02Z'),
    attempts: 1,
    // As a report written before items carried their position and warnings reads back.
    result: {
      inserted: 1,
      updated: 0,
      duplicates: 0,
      articles: [{ id: row.id, url: row.url, guid: row.guid, outcome: 'inserted' }],
      rejected: [{ index: 1, reason: 'item has no title' }],
      warnings: [],
    },
    error: null,
  };

  it('answers what the IngestJob schema describes, an old report included', () => {
    const presented = presentIngestJob(job);
    expect(problems(IngestJob, presented)).toEqual([]);
    expect(presented.receivedAt).toBe('2025-01-13T09:45:00Z');
    // The stored report's own key order, which is what clients have always read.
    expect(JSON.stringify(presented.result?.articles)).toBe(
      `[{"id":"${row.id}","url":"${row.url}","guid":"${row.guid}","outcome":"inserted","warnings":[]}]`,
    );
  });

  it('answers a job still waiting with a null result and finish time', () => {
    const presented = presentIngestJob({ ...job, status: 'queued', started_at: null, finished_at: null, result: null, attempts: 0 });
    expect(problems(IngestJob, presented)).toEqual([]);
    expect(presented).toMatchObject({ status: 'queued', finishedAt: null, result: null });
  });
});
