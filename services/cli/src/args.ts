import { UsageError } from './errors.ts';

/** An option `--name VALUE`, or a switch `--name` when it has no value placeholder. */
export interface OptionSpec {
  name: string;
  /** Placeholder shown in help (`MIME`); an option without one is a switch. */
  value?: string;
  /** Applied when the option is not given, and shown in help, so the two never differ. */
  default?: string;
  description: string;
}

export interface ArgumentSpec {
  name: string;
  required: boolean;
  choices?: readonly string[];
  default?: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

const HELP = new Set(['--help', '-h']);

/** `--help` or `-h` anywhere before `--` asks for help, whatever else the line holds. */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (HELP.has(arg)) return true;
  }
  return false;
}

/**
 * Reads one command's arguments against its own options: an option it does not have is an error
 * rather than silently ignored, so a typo such as `--catgory` cannot print the unfiltered list.
 */
export function parseArgs(
  argv: readonly string[],
  spec: { options: readonly OptionSpec[]; arguments: readonly ArgumentSpec[] },
): ParsedArgs {
  const byName = new Map(spec.options.map((option) => [option.name, option]));
  const positionals: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    const option = byName.get(name);
    if (!option) throw new UsageError(`unknown option --${name}`);
    if (option.value === undefined) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
      continue;
    }
    const next = argv[i + 1];
    const value = inline ?? (next === undefined || next.startsWith('--') ? undefined : next);
    if (value === undefined) throw new UsageError(`--${name} needs a value (${option.value})`);
    if (inline === undefined) i++;
    values.set(name, value);
  }
  for (const option of spec.options) if (option.default !== undefined && !values.has(option.name)) values.set(option.name, option.default);
  checkPositionals(positionals, spec.arguments);
  return { positionals, values, switches };
}

function checkPositionals(positionals: string[], specs: readonly ArgumentSpec[]): void {
  if (positionals.length > specs.length) throw new UsageError(`unexpected argument "${positionals[specs.length]}"`);
  specs.forEach((spec, index) => {
    const given = positionals[index];
    if (given === undefined) {
      if (spec.required) throw new UsageError(`needs a ${spec.name} argument`);
      if (spec.default !== undefined) positionals[index] = spec.default;
      return;
    }
    if (spec.choices && !spec.choices.includes(given))
      throw new UsageError(`unknown ${spec.name.toLowerCase()} "${given}"; expected one of ${spec.choices.join(', ')}`);
  });
}
