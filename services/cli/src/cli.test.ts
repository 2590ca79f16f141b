import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { COMMANDS, type Command } from './commands.ts';
import { CommandError } from './errors.ts';

function capture() {
  const output = { stdout: '', stderr: '' };
  return { output, io: { out: (text: string) => void (output.stdout += text), err: (text: string) => void (output.stderr += text) } };
}

const ran: string[][] = [];
const fake: Command = {
  name: 'echo',
  synopsis: 'WORD [--times N]',
  summary: 'print a word',
  arguments: [{ name: 'WORD', required: true }],
  options: [{ name: 'times', value: 'N', default: '1', description: 'how often' }],
  example: 'echo hello --times 2',
  run: async ({ positionals, values }) => {
    if (positionals[0] === 'fail') throw new CommandError('fail: it failed');
    ran.push([...positionals, values.get('times') ?? '']);
    return 0;
  },
};

describe('runCli', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints every command to stdout and exits 0', async (flag) => {
    const { output, io } = capture();
    expect(await runCli([flag], io)).toBe(0);
    for (const command of COMMANDS) expect(output.stdout).toContain(`newsrank ${command.name}`);
    expect(output.stderr).toBe('');
  });

  it.each(COMMANDS.map((command) => [command.name]))(
    '%s --help, -h and help %s print its usage with defaults and an example',
    async (name) => {
      const command = COMMANDS.find((candidate) => candidate.name === name) as Command;
      for (const argv of [
        [name, '--help'],
        [name, '-h'],
        ['help', name],
      ]) {
        const { output, io } = capture();
        expect(await runCli(argv, io)).toBe(0);
        expect(output.stderr).toBe('');
        expect(output.stdout).toContain(`usage: newsrank ${name}`);
        expect(output.stdout).toContain(`./newsrank ${command.example}`);
        for (const option of command.options) {
          expect(output.stdout).toContain(`--${option.name}`);
          if (option.default) expect(output.stdout).toContain(`(default: ${option.default})`);
        }
      }
    },
  );

  it('prints help even when the rest of the line is wrong, without running the command', async () => {
    const { output, io } = capture();
    ran.length = 0;
    expect(await runCli(['echo', '--bogus', '--help'], io, [fake])).toBe(0);
    expect(output.stdout).toMatch(/--times N +how often \(default: 1\)/);
    expect(ran).toEqual([]);
  });

  it('runs the command with its defaults applied', async () => {
    const { io } = capture();
    ran.length = 0;
    expect(await runCli(['echo', 'hi'], io, [fake])).toBe(0);
    expect(ran).toEqual([['hi', '1']]);
  });

  it.each([
    [['frobnicate'], 'newsrank: unknown command "frobnicate"', 'usage: newsrank <command>'],
    [['--verbose'], 'newsrank: unknown option --verbose: options come after the command', 'usage: newsrank <command>'],
    [[], 'newsrank: no command given', 'usage: newsrank <command>'],
    [['help', 'frobnicate'], 'newsrank: no command "frobnicate"', 'usage: newsrank <command>'],
    [['echo', 'hi', '--tims', '2'], 'newsrank: echo: unknown option --tims', 'usage: newsrank echo WORD [--times N]'],
    [['echo'], 'newsrank: echo: needs a WORD argument', 'usage: newsrank echo WORD [--times N]'],
  ])('%j: a one-line error and the short usage on stderr, exit 2', async (argv, error, usage) => {
    const { output, io } = capture();
    expect(await runCli(argv, io, [fake])).toBe(2);
    expect(output.stdout).toBe('');
    const [first, second] = output.stderr.split('\n');
    expect(first).toBe(error);
    expect(second).toContain(usage);
  });

  it('a command that fails says why on one line and exits 1', async () => {
    const { output, io } = capture();
    expect(await runCli(['echo', 'fail'], io, [fake])).toBe(1);
    expect(output.stderr).toBe('newsrank echo: fail: it failed\n');
  });

  it('never asks --help for a value', async () => {
    const { output, io } = capture();
    await runCli(['ingest', '--source', 'x', '--help'], io);
    expect(output.stdout + output.stderr).not.toContain('needs a value');
  });
});
