import type { ArgumentSpec, OptionSpec, ParsedArgs } from './args.ts';
import { PROCESSES } from './commands/processes.ts';

/** Everything the command line knows about one command: help is written from it and dispatch runs it. */
export interface Command {
  name: string;
  /** The arguments after the name, as the usage line shows them. */
  synopsis: string;
  summary: string;
  arguments: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /** A command line that works as written, without the program name. */
  example: string;
  run(args: ParsedArgs): Promise<number>;
}

const API_OPTION: OptionSpec = {
  name: 'api',
  value: 'URL',
  description: 'the running API (default: $NEWSRANK_API_URL, else http://127.0.0.1:$PORT)',
};
const CATEGORY_OPTION: OptionSpec = {
  name: 'category',
  value: 'C',
  description: 'one category, by slug or name (default: all categories)',
};
const LIMIT_OPTION: OptionSpec = { name: 'limit', value: 'N', default: '10', description: 'how many articles, 1 to 100' };

// Command modules are imported when chosen: `parse` runs hundreds of times in conformance runs
// and should not load the database, queue and HTTP client code it never uses.
export const COMMANDS: readonly Command[] = [
  {
    name: 'parse',
    synopsis: 'FILE|- [--type MIME]',
    summary: 'print the normalized document, without any service',
    arguments: [{ name: 'FILE|-', required: true }],
    options: [{ name: 'type', value: 'MIME', description: 'content type hint, e.g. application/rss+xml (default: sniffed from the body)' }],
    example: 'parse feed.xml',
    run: async ({ positionals, values }) => (await import('./commands/parse.ts')).parseCommand(positionals[0] ?? '-', values.get('type')),
  },
  {
    name: 'migrate',
    synopsis: '',
    summary: 'create the database if needed and bring its schema up to date',
    arguments: [],
    options: [],
    example: 'migrate',
    run: async () => (await import('./commands/migrate.ts')).migrateCommand(),
  },
  {
    name: 'start',
    synopsis: '[api|ingest-worker|ranking-worker|all]',
    summary: 'run processes (default all), migrations applied first',
    arguments: [{ name: 'PROCESS', required: false, choices: [...PROCESSES, 'all'], default: 'all' }],
    options: [],
    example: 'start api',
    run: async ({ positionals }) => (await import('./commands/start.ts')).startCommand(positionals[0] ?? 'all'),
  },
  {
    name: 'ingest',
    synopsis: 'FILE|URL|- [--source S] [--type MIME] [--wait 30s | --no-wait] [--api URL]',
    summary: 'post a document to a running API and print the ingest report',
    arguments: [{ name: 'FILE|URL|-', required: true }],
    options: [
      { name: 'source', value: 'S', description: 'the source slug the articles are filed under' },
      { name: 'type', value: 'MIME', description: "content type hint (default: the URL's Content-Type, else sniffed from the body)" },
      {
        name: 'wait',
        value: 'DURATION',
        default: '30s',
        description: 'how long to wait for an ingest worker to finish the job, in ms, s, m or h',
      },
      { name: 'no-wait', description: 'print the accepted job and exit without waiting' },
      API_OPTION,
    ],
    example: 'ingest feed.xml --source example-news',
    run: async ({ positionals, values, switches }) =>
      (await import('./commands/ingest.ts')).ingestCommand(positionals[0] ?? '-', {
        source: values.get('source'),
        contentType: values.get('type'),
        wait: switches.has('no-wait') ? null : (values.get('wait') ?? '30s'),
        apiUrl: values.get('api'),
      }),
  },
  {
    name: 'ranking',
    synopsis: '[--window 24h] [--category C] [--limit N] [--api URL]',
    summary: 'print the access ranking (views in a window) as a table',
    arguments: [],
    options: [
      { name: 'window', value: '1h|24h|7d|30d', default: '24h', description: 'the window views are counted in' },
      CATEGORY_OPTION,
      LIMIT_OPTION,
      API_OPTION,
    ],
    example: 'ranking --window 7d --category politics',
    run: async ({ values }) =>
      (await import('./commands/ranking.ts')).rankingCommand({
        window: values.get('window') ?? '24h',
        category: values.get('category'),
        limit: values.get('limit') ?? '10',
        apiUrl: values.get('api'),
      }),
  },
  {
    name: 'sources',
    synopsis: 'add URL [--category C] [--slug S] [--interval 15m] | list | refresh SLUG | import FILE.opml [--api URL]',
    summary: 'subscribe to feeds the ingest workers poll, list them with their health, refresh one, import OPML',
    arguments: [
      { name: 'ACTION', required: true, choices: ['add', 'list', 'refresh', 'import'] },
      { name: 'URL|SLUG|FILE', required: false },
    ],
    options: [
      { name: 'category', value: 'C', description: 'add: the category its articles are filed under when they name none' },
      { name: 'slug', value: 'S', description: 'add: the slug its articles are filed under (default: from the host)' },
      { name: 'interval', value: 'DURATION', description: 'add: a fixed interval such as 15m (default: follows the feed)' },
      API_OPTION,
    ],
    example: 'sources add https://example.com/feed.xml --category world',
    run: async ({ positionals, values }) =>
      (await import('./commands/sources.ts')).sourcesCommand(positionals[0] ?? 'list', positionals[1], {
        category: values.get('category'),
        slug: values.get('slug'),
        interval: values.get('interval'),
        apiUrl: values.get('api'),
      }),
  },
  {
    name: 'popular',
    synopsis: '[--category C] [--limit N] [--api URL]',
    summary: 'print the Popular list (time-decayed views) as a table',
    arguments: [],
    options: [CATEGORY_OPTION, LIMIT_OPTION, API_OPTION],
    example: 'popular --category sports --limit 5',
    run: async ({ values }) =>
      (await import('./commands/popular.ts')).popularCommand({
        category: values.get('category'),
        limit: values.get('limit') ?? '10',
        apiUrl: values.get('api'),
      }),
  },
];
