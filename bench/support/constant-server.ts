import { spawnNode } from './processes.ts';

export interface ConstantApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The constant Express app (constant-app.ts) in a process of its own, like the API it is compared with. */
export async function startConstantApp(): Promise<ConstantApp> {
  const process = spawnNode('constant-app', 'bench/support/constant-app.ts', { env: {} });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = process.output.find((l) => l.startsWith('{"port"'));
    if (line) {
      const { port } = JSON.parse(line) as { port: number };
      return { url: `http://127.0.0.1:${port}/`, pid: process.child.pid ?? 0, stop: () => process.stop() };
    }
    if (process.child.exitCode !== null || Date.now() > deadline) throw new Error(`the constant app did not start:\n${process.output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
