import { asksForHelp, parseArgs } from './args.ts';
import { COMMANDS, type Command } from './commands.ts';
import { CommandError, UsageError } from './errors.ts';
import { commandHelp, overview, shortUsage } from './usage.ts';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Runs one command line and answers its exit code: 0 done, 1 the command failed, 2 a usage mistake. */
export async function runCli(
  argv: readonly string[],
  output: Output = processOutput,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageMistake(output, 'no command given', overview(commands));
  if (name === '--help' || name === '-h') return help(output, overview(commands));
  if (name === 'help') {
    const [topic, extra] = rest;
    if (topic === undefined) return help(output, overview(commands));
    const command = commands.find((candidate) => candidate.name === topic);
    if (!command) return usageMistake(output, `no command "${topic}"`, overview(commands));
    if (extra !== undefined) return usageMistake(output, `help takes one command, got "${extra}" too`, overview(commands));
    return help(output, commandHelp(command));
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command)
    return usageMistake(
      output,
      name.startsWith('-') ? `unknown option ${name}: options come after the command` : `unknown command "${name}"`,
      overview(commands),
    );
  if (asksForHelp(rest)) return help(output, commandHelp(command));
  try {
    return await command.run(parseArgs(rest, command));
  } catch (error) {
    if (error instanceof UsageError) return usageMistake(output, `${command.name}: ${error.message}`, shortUsage(command));
    if (error instanceof CommandError) {
      output.err(`newsrank ${command.name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function help(output: Output, text: string): number {
  output.out(text);
  return 0;
}

function usageMistake(output: Output, message: string, usage: string): number {
  output.err(`newsrank: ${message}\n${usage}`);
  return 2;
}
