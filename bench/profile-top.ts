/**
 * Summarises a V8 CPU profile (`pnpm bench --profile` writes them to bench/results/profiles/):
 * `node bench/profile-top.ts FILE.cpuprofile [--top 25]` prints the functions with the most
 * self time, and the packages (node_modules, project packages, node internals) they belong to.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const file = positionals[0];
if (!file) throw new Error('usage: node bench/profile-top.ts FILE.cpuprofile [--top 25]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);

/** node_modules/<pkg>, packages/<name>, services/<name>, or node: internals. */
function owner(url: string): string {
  const modules = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1] as string;
  const project = url.match(/\/(packages|services)\/([^/]+)\//);
  if (project) return `${project[1]}/${project[2]}`;
  return url.startsWith('node:') ? 'node' : url === '' ? '(vm)' : url;
}

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|packages|services)\//, '$1/')}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + node.hitCount);
  byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + node.hitCount);
}
const show = (map: Map<string, number>, top: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
process.stdout.write(
  `${total} samples\n\nself time by function:\n${show(byFunction, Number(values.top))}\n\nself time by owner:\n${show(byOwner, 15)}\n`,
);
