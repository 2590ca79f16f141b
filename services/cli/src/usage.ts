import type { Command } from './commands.ts';

const PROGRAM = 'newsrank';
const HELP_LINE = { flags: '-h, --help', description: 'print this help' };

const synopsisOf = (command: Command) => `${PROGRAM} ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`;

/** Every command with what it does: what `newsrank --help` prints, and what follows an unknown command. */
export function overview(commands: readonly Command[]): string {
  const entries = [
    ...commands.map((command) => [synopsisOf(command), command.summary]),
    [`${PROGRAM} help [COMMAND]`, 'print the usage of every command, or of one'],
  ];
  return [
    `usage: ${PROGRAM} <command> [options]`,
    '',
    ...entries.flatMap(([synopsis, summary]) => [`  ${synopsis}`, `      ${summary}`]),
    '',
    `run "${PROGRAM} <command> --help" for a command's options and an example`,
    '',
  ].join('\n');
}

/** The two lines that follow a mistake in one command's arguments. */
export function shortUsage(command: Command): string {
  return `usage: ${synopsisOf(command)}\nrun "${PROGRAM} ${command.name} --help" for its options\n`;
}

/** A command's full help: synopsis, what it does, each option with its default, and an example. */
export function commandHelp(command: Command): string {
  const rows = [
    ...command.options.map((option) => ({
      flags: `--${option.name}${option.value ? ` ${option.value}` : ''}`,
      description: `${option.description}${option.default !== undefined ? ` (default: ${option.default})` : ''}`,
    })),
    HELP_LINE,
  ];
  const width = Math.max(...rows.map((row) => row.flags.length));
  return [
    `usage: ${synopsisOf(command)}`,
    '',
    `${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.`,
    '',
    'options:',
    ...rows.map((row) => `  ${row.flags.padEnd(width)}  ${row.description}`),
    '',
    'example:',
    `  ./${PROGRAM} ${command.example}`,
    '',
  ].join('\n');
}
