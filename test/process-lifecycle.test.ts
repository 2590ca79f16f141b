import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(['api', 'ingest-worker', 'ranking-worker']);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('process lifecycle', () => {
  it('every process stops on SIGTERM with exit code 0', async () => {
    const codes = await Promise.all(stack.processes.map((process) => process.stop('SIGTERM')));
    expect(codes).toEqual([0, 0, 0]);
    for (const process of stack.processes) expect(process.logs.some((line) => line.msg === 'stopped')).toBe(true);
  });

  it('invalid configuration stops a process at start with one line naming the variable', () => {
    const result = spawnSync(process.execPath, ['services/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: 'eighty', POPULARITY_HALF_LIFE: 'soon' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((line) => line.includes('PORT'))).toBe(true);
    expect(lines.some((line) => line.includes('POPULARITY_HALF_LIFE'))).toBe(true);
  });
});
