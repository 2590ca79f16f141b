import { readFile } from 'node:fs/promises';
import { configOrExit } from '@newsrank/runtime';
import type { SourceView } from '@newsrank/sources/subscriptions';
import { apiBase, callApi, describeRefusal } from '../api-client.ts';
import { CommandError, UsageError } from '../errors.ts';
import { clip, formatTable, type Column } from '../table.ts';

export const SOURCES_ACTIONS = ['add', 'list', 'refresh', 'import'] as const;

export interface SourcesOptions {
  category?: string | undefined;
  slug?: string | undefined;
  interval?: string | undefined;
  apiUrl?: string | undefined;
}

const COLUMNS: Column<SourceView>[] = [
  { header: 'slug', cell: (source) => source.slug },
  { header: 'status', cell: (source) => (source.paused ? 'paused' : source.status) },
  { header: 'every', align: 'right', cell: (source) => every(source.interval) },
  { header: 'articles', align: 'right', cell: (source) => String(source.articles) },
  { header: 'next fetch', cell: (source) => source.nextFetchAt ?? '-' },
  { header: 'last error', cell: (source) => clip(source.lastError ?? '', 50) },
  { header: 'url', cell: (source) => clip(source.url, 60) },
];

function every(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** `sources add URL | list | refresh SLUG | import FILE.opml`, against a running API. */
export async function sourcesCommand(action: string, target: string | undefined, options: SourcesOptions): Promise<number> {
  const base = apiBase(options.apiUrl);
  const authorization = `Bearer ${configOrExit().ingestTokens[0] ?? ''}`;
  const call = async (path: string, init: RequestInit = {}, expected: number[] = [200]) => {
    const response = await callApi(base, path, {
      ...init,
      headers: { authorization, ...(init.headers as Record<string, string> | undefined) },
    });
    if (!expected.includes(response.status)) throw new CommandError(`the API answered ${await describeRefusal(response)}`);
    return response.json() as Promise<unknown>;
  };
  const need = (what: string) => {
    if (!target) throw new UsageError(`sources ${action} needs ${what}`);
    return target;
  };

  switch (action) {
    case 'add': {
      const body: Record<string, unknown> = { url: need('a feed URL') };
      if (options.slug) body.slug = options.slug;
      if (options.category) body.category = options.category;
      if (options.interval) body.interval = options.interval;
      const source = await call(
        '/v1/sources',
        { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
        [200, 201],
      );
      process.stdout.write(`${JSON.stringify(source, null, 2)}\n`);
      return 0;
    }
    case 'list': {
      const { items } = (await call('/v1/sources')) as { items: SourceView[] };
      process.stdout.write(items.length === 0 ? 'no sources yet: add one with `newsrank sources add URL`\n' : formatTable(COLUMNS, items));
      return 0;
    }
    case 'refresh': {
      const slug = need('the slug of a source (see `sources list`)');
      const accepted = await call(`/v1/sources/${encodeURIComponent(slug)}/refresh`, { method: 'POST' }, [202]);
      process.stdout.write(`${JSON.stringify(accepted, null, 2)}\n`);
      return 0;
    }
    case 'import': {
      const file = need('an OPML file');
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CommandError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      const result = await call('/v1/sources/opml', { method: 'POST', body: text, headers: { 'content-type': 'text/x-opml' } });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown sources action "${action}": expected ${SOURCES_ACTIONS.join(', ')}`);
  }
}
