import { articleTime } from './article-time.ts';
import type { ReaderArticle } from './home-page.ts';
import { html, trustedHtml, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { httpUrl } from './safe-url.ts';
import { listBox, type Box } from './list-box.ts';
import type { SourceZone } from './source-time.ts';
import { timeZoneNote } from './time-zone-note.ts';

export interface ArticlePage {
  article: ReaderArticle;
  zone: SourceZone;
  popular: Box;
  ranking: Box;
}

/**
 * The photo with its caption. A caption whose photo is missing (a plain-text page keeps only
 * the words, or the image address is not http(s)) is left out: it points at what is not there
 * ("left", "right", "pictured") and would read as a stray line of the story.
 */
function photo(article: ReaderArticle): SafeHtml | null {
  const imageUrl = httpUrl(article.imageUrl);
  if (!imageUrl) return null;
  // The caption describes the photo; repeating it as alt text would make screen readers say it twice.
  const image = html`<img src="${imageUrl}" alt="${article.imageCaption ? '' : article.title}" loading="lazy" referrerpolicy="no-referrer">`;
  return html`<figure class="nr-photo">${image}${article.imageCaption ? html`<figcaption>${article.imageCaption}</figcaption>` : null}</figure>`;
}

function zoneNote(article: ReaderArticle, zone: SourceZone): SafeHtml | null {
  const instant = article.publishedAt === null ? null : new Date(article.publishedAt);
  if (!instant || !Number.isFinite(instant.getTime())) return null;
  return html`<p class="nr-zone-note">${timeZoneNote(instant, zone)}</p>`;
}

function body(article: ReaderArticle): SafeHtml | null {
  // contentHtml was sanitized when it was stored (no script, style, handlers or javascript: URLs).
  if (article.contentHtml) return html`<div class="nr-body">${trustedHtml(article.contentHtml)}</div>`;
  if (article.summary) return html`<div class="nr-body"><p>${article.summary}</p></div>`;
  return null;
}

/**
 * GET /articles/:id: the article as a reader sees it, with its category's Popular box and the
 * Access ranking beside it. Opening it counts one view from the browser (assets/page.js, or the
 * <noscript> pixel), never from the server, so bots and prefetches are not counted.
 */
export function articlePage(page: ArticlePage): SafeHtml {
  const { article } = page;
  const category = article.category
    ? html`<p class="nr-kicker"><a class="nr-category" href="${`/?category=${encodeURIComponent(article.categorySlug ?? '')}#popular`}">${article.category}</a></p>`
    : null;
  const sourceUrl = httpUrl(article.url);
  const byline = article.author ? html`<span class="nr-author">By ${article.author}</span>` : null;
  const main = html`<article class="nr-article" data-article-id="${article.id}" data-count-view>
${category}
<h1>${article.title}</h1>
${photo(article)}
<p class="nr-meta">${article.dateline ? html`<span class="nr-dateline">${article.dateline}</span>` : null}${articleTime(article.publishedAt, page.zone.timeZone, true)}${byline}<span class="nr-source">${article.source}</span></p>
${zoneNote(article, page.zone)}
${body(article)}
${sourceUrl ? html`<p class="nr-source-link"><a href="${sourceUrl}" rel="noopener">Read it at ${article.source}</a></p>` : null}
<noscript><img class="nr-hit" src="/v1/hit?article=${article.id}" alt="" width="1" height="1"></noscript>
</article>`;
  return layout({
    title: `${article.title} — newsrank`,
    description: article.summary ?? article.title,
    canonicalUrl: sourceUrl,
    main,
    aside: html`${listBox(page.popular)}\n${listBox(page.ranking)}`,
  });
}

export function articleNotFoundPage(): SafeHtml {
  return layout({
    title: 'Article not found — newsrank',
    description: 'No article has this address.',
    main: html`<h1 class="nr-page-title">Article not found</h1><p>No article has this address. The <a href="/">front page</a> has the latest news.</p>`,
    aside: html``,
  });
}
