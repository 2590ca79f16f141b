import { assetUrl } from './assets.ts';
import { html, type SafeHtml } from './html.ts';

export interface PageShell {
  title: string;
  description: string;
  canonicalUrl?: string | null;
  main: SafeHtml;
  /** null: a page without the sidebar (the dashboard), its main column the full width. */
  aside: SafeHtml | null;
  /** Pages behind a token say so to crawlers too. */
  noindex?: boolean;
}

/**
 * The document around every reader page: landmarks (banner, main, complementary, contentinfo),
 * a skip link, and only external CSS and JS, so `script-src 'self'` holds.
 */
export function layout(page: PageShell): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
${page.canonicalUrl ? html`<link rel="canonical" href="${page.canonicalUrl}">` : null}
${page.noindex ? html`<meta name="robots" content="noindex">` : null}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('newsrank.css')}">
<script src="${assetUrl('newsrank.js')}" defer></script>
</head>
<body>
<a class="nr-skip" href="#main">Skip to content</a>
<header class="nr-masthead"><div class="nr-masthead-inner"><a class="nr-brand" href="/">newsrank</a><p class="nr-tagline">The news, and what people are reading now</p></div></header>
<div class="nr-layout${page.aside === null ? ' nr-layout-wide' : ''}">
<main id="main" class="nr-main" tabindex="-1">
${page.main}
</main>
${
  page.aside === null
    ? null
    : html`<aside class="nr-sidebar" aria-label="Most read">
${page.aside}
</aside>`
}
</div>
<footer class="nr-footer"><p>Lists update live as readers open articles. Put them on your own site with <a href="/widget.js">widget.js</a>.</p></footer>
</body>
</html>
`;
}
