import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PostgresBinaries } from './binaries.ts';
import { isRoot } from './binaries.ts';
import type { LocalAddress } from './local-address.ts';
import { launchServer, type ManagedServer } from './managed-server.ts';

interface Account {
  uid: number;
  gid: number;
  name: string;
}

function idOf(flag: '-u' | '-g', user: string): number | null {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user. */
function serverAccount(say: (line: string) => void): Account | null {
  if (!isRoot()) return null;
  if (idOf('-u', 'postgres') === null) {
    say('creating the system user postgres to run PostgreSQL (it refuses to run as root)');
    spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      stdio: 'inherit',
    });
  }
  const uid = idOf('-u', 'postgres');
  const gid = idOf('-g', 'postgres');
  if (uid === null || gid === null)
    throw new Error('PostgreSQL cannot run as root and there is no postgres user to run it as; create one (useradd --system postgres)');
  return { uid, gid, name: 'postgres' };
}

function reachableBy(account: Account, dir: string): boolean {
  return spawnSync('test', ['-x', dir], { uid: account.uid, gid: account.gid }).status === 0;
}

/**
 * The data folder under .newsrank/. When the server's user cannot reach the clone (a checkout
 * under root's 0700 home), the data lives in /var/lib/newsrank and .newsrank/ holds a link to it.
 */
function dataDirectory(stateDir: string, port: number, account: Account | null, say: (line: string) => void): string {
  const wanted = join(stateDir, `postgres-${port}`);
  if (!account) return wanted;
  if (existsSync(wanted) && lstatSync(wanted).isSymbolicLink()) return realpathSync(wanted);
  if (reachableBy(account, stateDir) || existsSync(wanted)) return wanted;
  const hash = createHash('sha256').update(realpathSync(stateDir)).digest('hex').slice(0, 12);
  const elsewhere = join('/var/lib/newsrank', hash, basename(wanted));
  mkdirSync(dirname(elsewhere), { recursive: true, mode: 0o755 });
  mkdirSync(elsewhere, { recursive: true, mode: 0o700 });
  symlinkSync(elsewhere, wanted);
  say(`the postgres user cannot reach ${stateDir}; its data is in ${elsewhere} (linked from ${wanted})`);
  return elsewhere;
}

function majorOf(binaries: PostgresBinaries): string {
  const result = spawnSync(binaries.postgres, ['--version'], { encoding: 'utf8' });
  return /(\d+)(?:\.\d+)?/.exec(result.stdout)?.[1] ?? '';
}

function initialize(
  binaries: PostgresBinaries,
  dataDir: string,
  address: LocalAddress,
  account: Account | null,
  say: (line: string) => void,
): void {
  const versionFile = join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const existing = readFileSync(versionFile, 'utf8').trim();
    const major = majorOf(binaries);
    if (major && existing !== major) {
      throw new Error(
        `${dataDir} holds a PostgreSQL ${existing} cluster but ${binaries.postgres} is ${major}; move the folder away (its data is lost to this version) or put PostgreSQL ${existing} on PATH`,
      );
    }
    return;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (account) chownSync(dataDir, account.uid, account.gid);
  say(`creating a PostgreSQL cluster in ${dataDir} (superuser ${address.user}, trust authentication on loopback)`);
  const options = account ? { uid: account.uid, gid: account.gid } : {};
  const result = spawnSync(binaries.initdb, ['-D', dataDir, '-U', address.user, '--auth=trust', '--encoding=UTF8', '--no-locale'], {
    ...options,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`initdb failed:\n${result.stderr || result.stdout}`);
}

function isReady(binaries: PostgresBinaries, address: LocalAddress): boolean {
  if (!binaries.pgIsReady) return true;
  const host = address.listen[0] ?? '127.0.0.1';
  return spawnSync(binaries.pgIsReady, ['-q', '-h', host, '-p', String(address.port), '-U', address.user, '-t', '1']).status === 0;
}

export async function startPostgres(
  binaries: PostgresBinaries,
  address: LocalAddress,
  stateDir: string,
  say: (line: string) => void,
): Promise<ManagedServer> {
  const account = serverAccount(say);
  const dataDir = dataDirectory(stateDir, address.port, account, say);
  initialize(binaries, dataDir, address, account, say);
  const logFile = join(stateDir, `postgres-${address.port}.log`);
  say(`starting PostgreSQL on ${address.listen.join(', ')} port ${address.port} (log ${logFile})`);
  return launchServer({
    name: 'PostgreSQL',
    command: binaries.postgres,
    args: [
      '-D',
      dataDir,
      '-p',
      String(address.port),
      '-c',
      `listen_addresses=${address.listen.join(',')}`,
      // No Unix socket: its path would be limited to 107 bytes and tied to this clone's location.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    logFile,
    stopSignal: 'SIGINT',
    ready: async () => isReady(binaries, address),
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
  });
}
