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
  const { warnings: _warnings, ...story } = article;
  return { ...story, title };
}
