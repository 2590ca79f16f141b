import { listSources } from '@newsrank/db';
import type { OpmlImport } from '@newsrank/wire';
import { exportOpml } from '../opml/export-opml.ts';
import { parseOpml } from '../opml/parse-opml.ts';
import { OpmlError } from '../opml/opml-types.ts';
import { subscribeSource, type SourcesStore } from './manage-sources.ts';
import { SourceError } from './source-error.ts';

export type { OpmlImport };

/**
 * Subscribes to every feed of an OPML file (folders become categories). One refused URL is
 * reported and does not stop the others.
 */
export async function importOpml(store: SourcesStore, text: string): Promise<OpmlImport> {
  let parsed: ReturnType<typeof parseOpml>;
  try {
    parsed = parseOpml(text);
  } catch (error) {
    if (error instanceof OpmlError) throw new SourceError('invalid', 'invalid_opml', error.message);
    throw error;
  }
  const { outlines, warnings } = parsed;
  const result: OpmlImport = { added: 0, existing: 0, rejected: [], warnings };
  for (const outline of outlines) {
    try {
      const { created } = await subscribeSource(store, { url: outline.url, slug: null, category: outline.category, intervalSeconds: null });
      if (created) result.added++;
      else result.existing++;
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      result.rejected.push({ url: outline.url, reason: error.message });
    }
  }
  return result;
}

export async function exportSourcesOpml(store: SourcesStore, now = new Date()): Promise<string> {
  const rows = await listSources(store.db);
  return exportOpml(
    rows.map((row) => ({ url: row.url, title: row.title, siteUrl: row.site_url, category: row.category })),
    { title: 'newsrank sources', now },
  );
}
