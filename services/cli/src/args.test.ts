import { describe, expect, it } from 'vitest';
import { asksForHelp, parseArgs, type ArgumentSpec, type OptionSpec } from './args.ts';
import { UsageError } from './errors.ts';

const options: OptionSpec[] = [
  { name: 'wait', value: 'DURATION', default: '30s', description: 'd' },
  { name: 'no-wait', description: 'd' },
  { name: 'source', value: 'S', description: 'd' },
];
const file: ArgumentSpec[] = [{ name: 'FILE', required: true }];

describe('parseArgs', () => {
  it('reads values, switches and positionals in any order, applying defaults', () => {
    const parsed = parseArgs(['--source', 'wire', 'feed.xml', '--no-wait'], { options, arguments: file });
    expect(parsed.positionals).toEqual(['feed.xml']);
    expect(parsed.values.get('source')).toBe('wire');
    expect(parsed.values.get('wait')).toBe('30s');
    expect(parsed.switches.has('no-wait')).toBe(true);
  });

  it('takes --name=value and - for stdin', () => {
    const parsed = parseArgs(['-', '--wait=2s'], { options, arguments: file });
    expect(parsed.positionals).toEqual(['-']);
    expect(parsed.values.get('wait')).toBe('2s');
  });

  it.each([
    [['feed.xml', '--sorce', 'x'], 'unknown option --sorce'],
    [['feed.xml', '-x'], 'unknown option -x'],
    [['feed.xml', '--source'], '--source needs a value (S)'],
    [['feed.xml', '--source', '--no-wait'], '--source needs a value (S)'],
    [['feed.xml', '--no-wait=yes'], '--no-wait takes no value'],
    [[], 'needs a FILE argument'],
    [['a.xml', 'b.xml'], 'unexpected argument "b.xml"'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseArgs(argv, { options, arguments: file })).toThrow(new UsageError(message));
  });

  it('checks a positional against its choices and fills in its default', () => {
    const spec = { options: [], arguments: [{ name: 'PROCESS', required: false, choices: ['api', 'all'], default: 'all' }] };
    expect(parseArgs([], spec).positionals).toEqual(['all']);
    expect(() => parseArgs(['apu'], spec)).toThrow('unknown process "apu"; expected one of api, all');
  });

  it('treats everything after -- as positionals', () => {
    expect(parseArgs(['--', '--odd-name.xml'], { options, arguments: file }).positionals).toEqual(['--odd-name.xml']);
  });
});

describe('asksForHelp', () => {
  it('finds --help or -h anywhere before --', () => {
    expect(asksForHelp(['feed.xml', '--help'])).toBe(true);
    expect(asksForHelp(['-h'])).toBe(true);
    expect(asksForHelp(['--', '--help'])).toBe(false);
    expect(asksForHelp(['feed.xml'])).toBe(false);
  });
});
