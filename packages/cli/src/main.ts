import { parseArgs, UsageError } from './args.ts';
import { ingestCommand } from './commands/ingest.ts';
import { migrateCommand } from './commands/migrate.ts';
import { parseCommand } from './commands/parse.ts';
import { startCommand } from './commands/start.ts';

const USAGE = `usage: newsrank <command>
  parse FILE|- [--type MIME]                 print the normalized document (no services needed)
  migrate                                    bring the database schema up to date
  start [api|ingest-worker|ranking-worker|all]   run processes (default all), migrations applied
  ingest FILE|- [--source S] [--type MIME] [--api URL]   post a document to a running API, print the report
  ranking [--window 24h] [--category C] [--api URL]      print the access ranking as a table`;

async function main(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv);
  const [command, target] = positionals;
  switch (command) {
    case 'parse':
      if (!target) throw new UsageError('parse needs a FILE (or - for stdin)');
      return parseCommand(target, flags.get('type'));
    case 'migrate':
      return migrateCommand();
    case 'start':
      return startCommand(target ?? 'all');
    case 'ingest':
      if (!target) throw new UsageError('ingest needs a FILE (or - for stdin)');
      return ingestCommand(target, { source: flags.get('source'), apiUrl: flags.get('api'), contentType: flags.get('type') });
    case 'ranking': {
      const { rankingCommand } = await import('./commands/ranking.ts');
      return rankingCommand({ window: flags.get('window') ?? '24h', category: flags.get('category'), apiUrl: flags.get('api') });
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`newsrank: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`newsrank: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}
