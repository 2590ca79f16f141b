import { formatIsoSecond, isoSecond } from '@newsrank/core';
import type { ArticleRecord } from './queries/articles.ts';
import type { IngestJobView } from './queries/ingest-jobs.ts';
import type { Article, IngestAccepted, IngestJob } from '@newsrank/wire';

export function presentArticle(row: ArticleRecord): Article {
  return {
    id: row.id,
    source: row.source,
    guid: row.guid,
    url: row.url,
    title: row.title,
    summary: row.summary,
    contentHtml: row.content_html,
    author: row.author,
    category: row.category,
    categorySlug: row.category_slug,
    tags: row.tags,
    dateline: row.dateline,
    imageUrl: row.image_url,
    imageCaption: row.image_caption,
    language: row.language,
    publishedAt: isoSecond(row.published_at),
    timeZone: row.published_time_zone,
    updatedAt: isoSecond(row.updated_at),
    ingestedAt: formatIsoSecond(row.ingested_at),
  };
}

export function presentIngestJob(job: IngestJobView): IngestJob {
  const result = job.result
    ? {
        inserted: job.result.inserted,
        updated: job.result.updated,
        duplicates: job.result.duplicates,
        // Spread, so each entry keeps the stored report's key order (and the answer its bytes).
        articles: job.result.articles.map((article) => ({ ...article, warnings: article.warnings ?? [] })),
        rejected: job.result.rejected,
        warnings: job.result.warnings,
      }
    : null;
  return {
    id: job.id,
    status: job.status,
    source: job.source,
    format: job.format,
    receivedAt: formatIsoSecond(job.received_at),
    finishedAt: isoSecond(job.finished_at),
    result,
    error: job.error,
  };
}

export const presentAccepted = (jobId: string): IngestAccepted => ({ jobId, statusUrl: `/v1/ingest-jobs/${jobId}` });
