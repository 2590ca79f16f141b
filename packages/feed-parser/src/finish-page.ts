import { withoutTrackingParams } from '@newsrank/core';
import { untrustedDateWarning, type DateField } from './date-trust.ts';
import { deriveTitle } from './derive-title.ts';
import { toPlainText } from './sanitize.ts';
import type { ParsedArticle } from './types.ts';

/**
 * The rules feed items get in normalize.ts, for the one article an HTML or plain-text page
 * gives: a clean link, no date that cannot be true, and a title when the page has none. Null
 * when the page holds nothing an article could be made of.
 */
export function finishPageArticle(article: ParsedArticle, ingestedAt: Date): ParsedArticle | null {
  const warnings = [...article.warnings];
  const publishedAt = trusted(article.publishedAt, 'publishedAt', ingestedAt, warnings);
  const updatedAt = trusted(article.updatedAt, 'updatedAt', ingestedAt, warnings);
  const url = article.url === null ? null : withoutTrackingParams(article.url);
  let title = article.title;
  if (title === null) {
    const text = article.summary ?? (article.contentHtml === null ? null : toPlainText(article.contentHtml));
    const anything = text ?? url ?? article.guid ?? article.imageUrl ?? article.imageCaption ?? article.publishedAt ?? article.updatedAt;
    if (anything === null) return null;
    const derived = deriveTitle({
      text,
      imageCaption: article.imageCaption,
      url,
      guid: article.guid,
      mediaUrl: null,
      imageUrl: article.imageUrl,
    });
    title = derived.title;
    warnings.push(derived.warning);
  }
  return {
    ...article,
    url,
    title,
    publishedAt,
    publishedAtOrigin: publishedAt === null ? null : article.publishedAtOrigin,
    publishedTimeZone: publishedAt === null ? null : article.publishedTimeZone,
    updatedAt,
    warnings,
  };
}

function trusted(iso: string | null, field: DateField, ingestedAt: Date, warnings: string[]): string | null {
  if (iso === null) return null;
  const warning = untrustedDateWarning(new Date(iso), field, iso, ingestedAt);
  if (warning === null) return iso;
  warnings.push(warning);
  return null;
}
