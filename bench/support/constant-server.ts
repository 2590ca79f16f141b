import { spawnNode } from './processes.ts';

export interface PortApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A baseline app (it prints `{"port": N}` on stdout once listening) in a process of its own, like the API it is compared with. */
export async function startPortApp(name: string, entry: string, env: Record<string, string> = {}): Promise<PortApp> {
  const process = spawnNode(name, entry, { env });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = process.output.find((l) => l.startsWith('{"port"'));
    if (line) {
      const { port } = JSON.parse(line) as { port: number };
      return { url: `http://127.0.0.1:${port}/`, pid: process.child.pid ?? 0, stop: () => process.stop() };
    }
    if (process.child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start:\n${process.output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The constant Express app (constant-app.ts). */
export const startConstantApp = () => startPortApp('constant-app', 'bench/support/constant-app.ts');
