/** `pnpm bench`: every benchmark scenario, printed as a table. */
import { measureParse } from './parse-speed.ts';

const rows = [measureParse(false), measureParse(true)];
console.table(rows.map((r) => ({ scenario: `parse ${r.scenario}`, items: r.items, 'ms (median)': Math.round(r.ms), 'articles/s': Math.round(r.articlesPerSecond), 'MiB/s': Number(r.mbPerSecond.toFixed(1)) })));
