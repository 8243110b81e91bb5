import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
const stagings = () => readdirSync(tmpdir()).filter((n) => n.startsWith('ff-embedded-postgres-'));

/** A port held by another program for the duration of a test. */
const occupy = () =>
  new Promise<Server>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (s: Server) => (s.address() as { port: number }).port;
const freePort = async () => {
  const s = await occupy();
  const port = portOf(s);
  await new Promise((r) => s.close(r));
  return port;
};

/** Runs the built api with `env` (no servers configured unless given) until it exits. */
async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'DATABASE_SCHEMA', 'QUEUE_PREFIX', 'JWT_SECRET', 'NODE_ENV'])
    if (!(k in env)) delete base[k];
  const child = spawn(process.execPath, [MAIN], { env: base, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearTimeout(timer);
  return { code, output };
}

/**
 * What a first `npm start` can run into, refused before anything is created: no data directory, no
 * cluster, no staging directory left behind, and a message naming the variable to change.
 */
describe('start-up refusals (the built api, embedded mode unless said otherwise)', () => {
  let root: string;
  let blocker: Server;
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('run `npm run build` first (npm test does)');
    root = mkdtempSync(join(tmpdir(), 'ff-first-run-'));
    blocker = await occupy();
  });
  afterAll(async () => {
    await new Promise((r) => blocker.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('a busy PORT: names PORT, suggests another, creates nothing', async () => {
    const dataDir = join(root, 'busy-port');
    const before = stagings();
    const { code, output } = await start({ DATA_DIR: dataDir, PORT: String(portOf(blocker)), HOST: '127.0.0.1' });
    expect(code).toBe(1);
    expect(output).toContain(`端口 ${portOf(blocker)} 已被占用（由环境变量 PORT 指定）`);
    expect(output).toMatch(/例如 PORT=\d+ npm start/);
    expect(output).not.toContain('undefined');
    expect(existsSync(dataDir)).toBe(false);
    expect(stagings()).toEqual(before);
  });

  it('a busy EMBEDDED_PG_PORT: names EMBEDDED_PG_PORT, creates nothing', async () => {
    const dataDir = join(root, 'busy-pg-port');
    const before = stagings();
    const { code, output } = await start({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(portOf(blocker)),
    });
    expect(code).toBe(1);
    expect(output).toContain(`端口 ${portOf(blocker)} 已被占用（由环境变量 EMBEDDED_PG_PORT 指定）`);
    expect(output).not.toContain('undefined');
    expect(existsSync(dataDir)).toBe(false);
    expect(stagings()).toEqual(before);
  });

  it('a bad value stops the process, naming each bad variable', async () => {
    const dataDir = join(root, 'bad-values');
    const { code, output } = await start({ DATA_DIR: dataDir, PORT: 'abc', LOGIN_MAX_FAILURES: '-1' });
    expect(code).toBe(1);
    expect(output).toContain('环境变量配置有误');
    expect(output).toMatch(/^\s+PORT: /m);
    expect(output).toMatch(/^\s+LOGIN_MAX_FAILURES: /m);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('production without JWT_SECRET refuses to start, before touching any server', async () => {
    const dataDir = join(root, 'production');
    const { code, output } = await start({ DATA_DIR: dataDir, NODE_ENV: 'production', PORT: String(await freePort()) });
    expect(code).toBe(1);
    expect(output).toContain('生产环境必须配置 JWT_SECRET');
    expect(existsSync(dataDir)).toBe(false);
  });
});

/**
 * The built library in a process of its own (jest cannot load embedded-postgres): starts the
 * embedded cluster of `dataDir`, reads the database name over a connection, stops it.
 */
async function embeddedStart(dataDir: string, port: number) {
  const lib = join(__dirname, '..', 'dist', 'libs', 'database', 'src', 'embedded-postgres.js');
  const script = `
    const { Client } = require('pg');
    require(${JSON.stringify(lib)}).startEmbeddedPostgres(${JSON.stringify(dataDir)}, ${port}).then(
      async (db) => {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        const { rows } = await client.query('SELECT current_database() AS name');
        await client.end();
        await db.stop();
        console.log(JSON.stringify({ completed: db.completed, database: rows[0].name }));
      },
      (e) => console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e) })),
    );`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise((r) => child.once('exit', r));
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as { completed?: boolean; database?: string; error?: string };
  } catch {
    throw new Error(`unexpected output:\n${out}`);
  }
}

/**
 * The state a failed first start used to leave for good: the cluster initialised, the server never
 * up, the database never created, so every later start refused (`database "future_factory" does
 * not exist`). A failed start now says why, and the next start completes the cluster.
 */
describe('embedded PostgreSQL: a half-initialised cluster is completed on the next start', () => {
  // Readable by others, so that run as root the cluster stays under it (see reachableDatabaseDir).
  const dataDir = mkdtempSync(join(tmpdir(), 'ff-half-'));
  chmodSync(dataDir, 0o755);
  let blocker: Server;
  let port = 0;
  beforeAll(async () => {
    // Held on every address (IPv4 and IPv6), so the server can bind none of its own.
    blocker = await new Promise<Server>((resolve) => {
      const s = createServer().listen({ port: 0, host: '::', ipv6Only: false }, () => resolve(s));
    });
    port = portOf(blocker);
  });
  afterAll(async () => {
    if (blocker.listening) await new Promise((r) => blocker.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a start that fails after initdb says why, in the server’s words, and leaves no staging directory', async () => {
    const before = stagings();
    const result = await embeddedStart(dataDir, port);
    expect(result.error).toContain(`端口 ${port}`);
    expect(result.error).toMatch(/could not (bind|create)/);
    expect(result.error).not.toContain('undefined');
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(stagings()).toEqual(before);
  }, 120_000);

  it('the next start creates the missing database; the one after has nothing to complete', async () => {
    await new Promise((r) => blocker.close(r));
    expect(await embeddedStart(dataDir, port)).toEqual({ completed: true, database: 'future_factory' });
    expect(await embeddedStart(dataDir, port)).toEqual({ completed: false, database: 'future_factory' });
  }, 120_000);
});
