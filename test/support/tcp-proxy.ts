import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a shared server (PostgreSQL) that a test can cut and restore, making
 * the server unreachable for the processes behind it without touching the server itself.
 */
export interface TcpProxy {
  port: number;
  /**
   * `refuse`: every open connection is reset and new ones are closed at once (a crashed or
   * restarting server). `hang`: new connections are accepted and never answered, and open ones
   * stop carrying bytes (a network partition).
   */
  cut(mode?: 'refuse' | 'hang'): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'refuse' | 'hang' = 'open';
  const pairs = new Set<[Socket, Socket]>();
  const held = new Set<Socket>();

  const server = createServer((client) => {
    client.on('error', () => {});
    if (mode === 'refuse') return void client.destroy();
    if (mode === 'hang') return void held.add(client);
    const upstream = createConnection(target);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const forget = () => pairs.delete(pair);
    client.on('close', () => {
      forget();
      upstream.destroy();
    });
    upstream.on('close', () => {
      forget();
      client.destroy();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    cut(next = 'refuse') {
      mode = next;
      for (const [client, upstream] of pairs) {
        if (next === 'refuse') {
          client.resetAndDestroy();
          upstream.destroy();
        } else {
          client.unpipe(upstream);
          upstream.unpipe(client);
          held.add(client);
        }
      }
      if (next === 'refuse') pairs.clear();
    },
    restore() {
      mode = 'open';
      // Connections frozen by a hang are dead to their clients by now: end them.
      for (const socket of held) socket.destroy();
      held.clear();
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
