import type { StoryInput } from '@newsrank/core';
import type { ParsedArticle } from '@newsrank/feed-parser';

/**
 * A parsed item becomes a story to store, or a reason it cannot be one. The parser titles every
 * article it returns (deriving a title where the item has none); a blank one is still refused
 * here because the store cannot hold an article without a title.
 */
export function toStory(article: ParsedArticle): StoryInput | { rejected: string } {
  const title = article.title?.trim();
  if (!title) return { rejected: 'item has no title' };
  return {
    guid: article.guid,
    url: article.url,
    title,
    summary: article.summary,
    contentHtml: article.contentHtml,
    author: article.author,
    category: article.category,
    tags: article.tags,
    dateline: article.dateline,
    imageUrl: article.imageUrl,
    imageCaption: article.imageCaption,
    language: article.language,
    publishedAt: article.publishedAt,
    publishedAtOrigin: article.publishedAtOrigin,
    publishedTimeZone: article.publishedTimeZone,
    updatedAt: article.updatedAt,
  };
}
