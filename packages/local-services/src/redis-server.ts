import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { LocalAddress } from './local-address.ts';
import { launchServer, type ManagedServer } from './managed-server.ts';

/** True once Redis answers PING with PONG (while it loads its append-only file it answers LOADING). */
function pongs(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let reply = '';
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

export async function startRedis(
  redisServer: string,
  address: LocalAddress,
  stateDir: string,
  say: (line: string) => void,
): Promise<ManagedServer> {
  const dataDir = join(stateDir, `redis-${address.port}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logFile = join(stateDir, `redis-${address.port}.log`);
  say(`starting Redis on ${address.listen.join(', ')} port ${address.port} (data ${dataDir}, log ${logFile})`);
  // The production settings: an fsync per write (an acknowledged job survives a crash) and
  // noeviction (BullMQ's lock keys must never be evicted). A `-` makes an address optional, so a
  // machine without IPv6 still starts.
  const bind = address.listen.map((host, index) => (index === 0 ? host : `-${host}`));
  return launchServer({
    name: 'Redis',
    command: redisServer,
    args: [
      '--port',
      String(address.port),
      '--bind',
      ...bind,
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
    ],
    logFile,
    stopSignal: 'SIGTERM',
    ready: () => pongs(address.listen[0] ?? '127.0.0.1', address.port),
  });
}
