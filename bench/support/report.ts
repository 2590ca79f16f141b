import { mkdirSync, writeFileSync } from 'node:fs';
import { median } from './stats.ts';

/** What a row must reach: a ratio to its baseline, or an absolute bound on its figure. */
export type Target =
  /** A diagnosis printed beside the targets; it cannot fail. */
  | { kind: 'none' }
  | { kind: 'ratio-at-least'; ratio: number }
  | { kind: 'ratio-at-most'; ratio: number }
  | { kind: 'at-least'; value: number }
  | { kind: 'at-most'; value: number };

export interface Row {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  /** What the figure is measured against in the same run (a peer, a limit, itself at a smaller size). */
  baseline: string;
  baselineValue: number | null;
  ratio: number | null;
  target: Target;
  details?: Record<string, unknown>;
}

export interface MedianRow extends Row {
  runs: number;
  pass: boolean;
}

export function meets(row: Pick<Row, 'value' | 'ratio' | 'target'>): boolean {
  const { target } = row;
  switch (target.kind) {
    case 'none':
      return true;
    case 'ratio-at-least':
      return row.ratio !== null && row.ratio >= target.ratio;
    case 'ratio-at-most':
      return row.ratio !== null && row.ratio <= target.ratio;
    case 'at-least':
      return row.value >= target.value;
    case 'at-most':
      return row.value <= target.value;
  }
}

export const describeTarget = (target: Target, unit: string): string =>
  target.kind === 'none'
    ? '—'
    : target.kind === 'ratio-at-least'
      ? `≥ ${target.ratio}×`
      : target.kind === 'ratio-at-most'
        ? `≤ ${target.ratio}×`
        : target.kind === 'at-least'
          ? `≥ ${target.value} ${unit}`
          : `≤ ${target.value} ${unit}`;

/** Each row's median over the runs (figure, baseline and ratio each on their own). */
export function medianRows(runs: readonly Row[][]): MedianRow[] {
  const groups = new Map<string, Row[]>();
  for (const row of runs.flat()) {
    const key = `${row.scenario}\u0000${row.figure}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((rows) => {
    const first = rows[0] as Row;
    const baselines = rows.flatMap((r) => (r.baselineValue === null ? [] : [r.baselineValue]));
    const ratios = rows.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
    const row: Row = {
      ...first,
      value: median(rows.map((r) => r.value)),
      baselineValue: baselines.length > 0 ? median(baselines) : null,
      ratio: ratios.length > 0 ? median(ratios) : null,
      details:
        rows.length === 1
          ? first.details
          : { runs: rows.map((r) => ({ value: r.value, baselineValue: r.baselineValue, ratio: r.ratio, ...r.details })) },
    };
    return { ...row, runs: rows.length, pass: meets(row) };
  });
}

const format = (value: number | null): string => {
  if (value === null || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
};

/** A fixed-width table for the terminal and the same as Markdown for docs. */
export function printTable(rows: readonly MedianRow[]): string {
  const header = ['scenario', 'figure', 'value', 'measured against', 'baseline', 'ratio', 'target', 'result'];
  const lines = rows.map((r) => [
    r.scenario,
    r.figure,
    `${format(r.value)} ${r.unit}`,
    r.baseline,
    format(r.baselineValue),
    r.ratio === null ? '—' : `${format(r.ratio)}×`,
    describeTarget(r.target, r.unit),
    r.target.kind === 'none' ? 'diagnosis' : r.pass ? 'pass' : 'FAIL',
  ]);
  return [header, ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n')
    .replace(/^(\|.*\|)\n/, `$1\n|${header.map(() => '---').join('|')}|\n`);
}

/** bench/results/<timestamp>.json: the medians, every run's rows and how the run was set up. */
export function writeResults(directory: string, content: { options: unknown; rows: MedianRow[]; runs: Row[][] }): string {
  mkdirSync(directory, { recursive: true });
  const file = `${directory}/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...content }, null, 2)}\n`);
  return file;
}
