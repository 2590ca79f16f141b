import type { Article } from '@newsrank/wire';
import { articleTime } from './article-time.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { articlePath, listBox, type Box } from './list-box.ts';

export type ReaderArticle = Article;

export interface HomePage {
  articles: readonly ReaderArticle[];
  popular: Box;
  ranking: Box;
  timeZoneOf(article: ReaderArticle): string;
}

function latestItem(article: ReaderArticle, timeZone: string): SafeHtml {
  const category = article.category ? html`<span class="nr-category">${article.category}</span>` : null;
  return html`<li><article aria-labelledby="latest-${article.id}">
<h2 id="latest-${article.id}"><a href="${articlePath(article.id)}">${article.title}</a></h2>
<p class="nr-meta">${category}${articleTime(article.publishedAt, timeZone, false)}<span class="nr-source">${article.source}</span></p>
${article.summary ? html`<p class="nr-summary">${article.summary}</p>` : null}
</article></li>`;
}

/** GET /: the latest articles, and the Popular and Access ranking boxes beside them. */
export function homePage(page: HomePage): SafeHtml {
  const latest =
    page.articles.length === 0
      ? html`<p class="nr-empty">No articles yet. Post a feed to <code>/v1/feeds</code> to fill this page.</p>`
      : html`<ul class="nr-latest">${page.articles.map((article) => latestItem(article, page.timeZoneOf(article)))}</ul>`;
  return layout({
    title: 'newsrank — latest news and most read',
    description: 'The latest articles, the most popular per category and the access ranking, updated live.',
    main: html`<h1 class="nr-page-title">Latest news</h1>\n${latest}`,
    aside: html`${listBox(page.popular)}\n${listBox(page.ranking)}`,
  });
}
