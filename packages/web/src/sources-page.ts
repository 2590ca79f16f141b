import type { SourceView } from '@newsrank/sources/subscriptions';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

export interface SourcesPageInput {
  sources: SourceView[];
  /** What the last form did, said at the top of the page. */
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

const STATUS_WORDS: Record<string, string> = { pending: 'waiting for its first fetch', ok: 'ok', failing: 'failing', disabled: 'disabled' };

function every(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function sourceRow(source: SourceView): SafeHtml {
  const status = source.paused ? 'paused' : source.status;
  return html`<tr class="nr-source nr-source-${status}">
<th scope="row"><a href="${source.url}" rel="nofollow noopener">${source.title ?? source.slug}</a><br><code>${source.slug}</code></th>
<td>${source.category ?? '—'}</td>
<td><span class="nr-status nr-status-${status}">${source.paused ? 'paused' : (STATUS_WORDS[source.status] ?? source.status)}</span>${
    source.consecutiveFailures > 0 ? html`<br>${source.consecutiveFailures} failures in a row` : null
  }</td>
<td>${source.lastHttpStatus ?? '—'}</td>
<td>${source.lastError ?? ''}</td>
<td>${every(source.interval)}</td>
<td>${source.nextFetchAt ? html`<time datetime="${source.nextFetchAt}">${source.nextFetchAt.replace('T', ' ').replace('Z', ' UTC')}</time>` : '—'}</td>
<td class="nr-number">${source.articles}</td>
<td>${source.websub ? source.websub.state : '—'}</td>
<td><form method="post" action="/admin/sources/${source.slug}/refresh"><button type="submit">Fetch now</button></form></td>
</tr>`;
}

/** The subscribed sources with their health, and forms to add one by URL or import an OPML file. */
export function sourcesPage(input: SourcesPageInput): SafeHtml {
  const { sources, notice } = input;
  const main = html`<h1>Sources</h1>
${notice ? html`<p class="nr-notice nr-notice-${notice.kind}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>` : null}
<section aria-labelledby="add-heading" class="nr-admin-panel">
<h2 id="add-heading">Add a feed</h2>
<form method="post" action="/admin/sources" class="nr-form">
<label>Feed URL <input type="url" name="url" required placeholder="https://example.com/feed.xml" size="50"></label>
<label>Category <input type="text" name="category" maxlength="100" placeholder="when its items name none"></label>
<button type="submit">Subscribe</button>
</form>
<h2 id="opml-heading">Import an OPML file</h2>
<form method="post" action="/admin/sources/opml" class="nr-form" aria-labelledby="opml-heading">
<label>OPML file <input type="file" name="file" accept=".opml,.xml,text/x-opml,text/xml" data-opml-file></label>
<label>or its text <textarea name="opml" rows="4" cols="60" placeholder="&lt;opml version=&quot;2.0&quot;&gt;…" data-opml-text></textarea></label>
<button type="submit">Import</button>
</form>
</section>
<section aria-labelledby="list-heading">
<h2 id="list-heading">${sources.length} ${sources.length === 1 ? 'source' : 'sources'}</h2>
${
  sources.length === 0
    ? html`<p>No sources yet.</p>`
    : html`<div class="nr-table-scroll"><table class="nr-sources">
<thead><tr><th scope="col">Source</th><th scope="col">Category</th><th scope="col">Health</th><th scope="col">HTTP</th><th scope="col">Last error</th><th scope="col">Every</th><th scope="col">Next fetch</th><th scope="col">Articles</th><th scope="col">WebSub</th><th scope="col"><span class="nr-visually-hidden">Actions</span></th></tr></thead>
<tbody>${sources.map(sourceRow)}</tbody>
</table></div>`
}
<p><a href="/v1/sources.opml">Export as OPML</a></p>
</section>`;
  return layout({ title: 'Sources — newsrank', description: 'The feeds newsrank polls, with their health', main, aside: html`` });
}
