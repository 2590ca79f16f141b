import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Debian keeps the server binaries off PATH, one folder per major version. */
function debianPostgresBinDirs(): string[] {
  try {
    return readdirSync('/usr/lib/postgresql')
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => `/usr/lib/postgresql/${version}/bin`);
  } catch {
    return [];
  }
}

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  pgIsReady: string | null;
}

/** postgres with its initdb beside it (a PATH entry is often a symlink into Debian's folder). */
export function findPostgres(): PostgresBinaries | null {
  const fromPath = onPath('postgres');
  const dirs = [...(fromPath ? [dirname(realpathSync(fromPath))] : []), ...debianPostgresBinDirs()];
  for (const dir of dirs) {
    const postgres = join(dir, 'postgres');
    const initdb = join(dir, 'initdb');
    if (executable(postgres) && executable(initdb)) {
      const pgIsReady = join(dir, 'pg_isready');
      return { postgres, initdb, pgIsReady: executable(pgIsReady) ? pgIsReady : null };
    }
  }
  return null;
}

export function findRedisServer(): string | null {
  return onPath('redis-server') ?? (executable('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** Installs Debian packages when this process may (root, apt-get present); false when it may not. */
export function installDebianPackages(packages: string[], say: (line: string) => void): boolean {
  if (!isRoot() || !onPath('apt-get')) return false;
  say(`installing Debian's ${packages.join(', ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  return install.status === 0;
}

export function findChromium(): string | null {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return executable(path) ? path : null;
}
