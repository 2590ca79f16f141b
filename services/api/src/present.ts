import { isoSecond } from '@newsrank/core';
import type { ArticleRecord, IngestJobView } from '@newsrank/db';


export function presentArticle(row: ArticleRecord) {
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
    ingestedAt: isoSecond(row.ingested_at),
  };
}

export function presentIngestJob(job: IngestJobView) {
  const result = job.result
    ? {
        inserted: job.result.inserted,
        updated: job.result.updated,
        duplicates: job.result.duplicates,
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
    receivedAt: isoSecond(job.received_at),
    finishedAt: isoSecond(job.finished_at),
    result,
    error: job.error,
  };
}
