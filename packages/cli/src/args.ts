/** `command positional… --flag value` → positionals and flags; flags may come anywhere. */
export function parseArgs(argv: string[]): { positionals: string[]; flags: Map<string, string> } {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const value = inline ?? argv[i + 1];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (inline === undefined) i++;
      flags.set(name ?? '', value);
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, flags };
}

export class UsageError extends Error {}
