import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, createServer } from 'node:net';
import request from 'supertest';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The embedded default exactly as `npm start` runs it: no DATABASE_URL, no REDIS_URL. A real
 * PostgreSQL from npm, migrations from empty, BullMQ on its PostgreSQL backend with the worker in
 * the api process — and the same smoke checks as the Redis mode.
 */
describe('embedded default (npm start with nothing configured)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ff-embedded-'));
  let port = 0;
  let base = '';
  let child: ChildProcess;
  let output = '';
  let pgPort = 0;
  /** Where the api said the cluster is. */
  const clusterDir = () => /内置 PostgreSQL（数据目录 ([^）]+)）/.exec(output)?.[1] ?? '';

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Left private (mode 700, as a checkout in /root or a mktemp directory): run as root, the
    // server (as the OS user postgres) then keeps its cluster under /var/lib/future-factory.
    const main = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
    if (!existsSync(main)) throw new Error('run `npm run build` first (npm test does)');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String((pgPort = await freePort())),
      // What `npm start` prints by default: route lines, request lines, the banner.
      LOG_LEVEL: 'info',
    };
    for (const k of [
      'DATABASE_URL',
      'REDIS_URL',
      'DATABASE_SCHEMA',
      'QUEUE_PREFIX',
      'WORKER_IN_PROCESS',
      'JWT_SECRET',
      'NODE_ENV',
    ])
      delete env[k];
    child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`api exited:\n${output}`);
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`api did not become healthy:\n${output}`);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (clusterDir().startsWith('/var/lib/future-factory/'))
      rmSync(dirname(clusterDir()), { recursive: true, force: true });
  }, 30_000);

  it('is healthy on the embedded engines and serves the OpenAPI document', async () => {
    const health = await request(base).get('/health').expect(200);
    expect(health.body.info).toMatchObject({
      database: { status: 'up' },
      queue: { status: 'up', backend: 'postgres' },
      disk: { status: 'up' },
    });
    const docs = await request(base).get('/api/docs-json').expect(200);
    expect(docs.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    await request(base).get('/api/docs').expect(200);
    expect(output).toContain('仅用于试用');
    expect(clusterDir()).toEqual(
      process.getuid?.() === 0
        ? expect.stringMatching(/^\/var\/lib\/future-factory\/[0-9a-f]{16}\/pg$/)
        : join(dataDir, 'pg'),
    );
  });

  it('prints a one-time admin password that must be changed, then runs a job through the queue', async () => {
    // The banner: framed, after every other start-up line, the password nowhere else in the log.
    const match = /╔═+╗\n(?:║.*║\n)*?║\s+用户名：(\S+)\s+║\n║\s+一次性密码：(\S+)\s+║\n(?:║.*║\n)*╚═+╝\n/.exec(output);
    expect(match).not.toBeNull();
    const [banner, username, oneTime] = match!;
    expect(output.indexOf(banner)).toBeGreaterThan(output.indexOf('API listening on'));
    expect(output.split(oneTime)).toHaveLength(2);
    const first = await request(base).post('/api/v1/auth/login').send({ username, password: oneTime }).expect(200);
    expect(first.body.mustChangePassword).toBe(true);
    await request(base)
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .send({ currentPassword: oneTime, newPassword: 'Embedded-Passw0rd' })
      .expect(204);
    const login = await request(base)
      .post('/api/v1/auth/login')
      .send({ username, password: 'Embedded-Passw0rd' })
      .expect(200);
    const check = await request(base)
      .post('/api/v1/system/queue-check')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(check.body.backend).toBe('postgres');
    // Readable by a person: one line per event, not JSON; a request line without its headers.
    expect(output).toMatch(/POST \/api\/v1\/auth\/login → 200 \d+ ms/);
    expect(output.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
    expect(output).not.toMatch(/user-agent|authorization|bearer/i);
  }, 30_000);

  it('has no separate worker: started without DATABASE_URL, the worker says why and exits', async () => {
    const worker = join(__dirname, '..', 'dist', 'apps', 'worker', 'src', 'main.js');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const run = spawn(process.execPath, [worker], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    run.stderr!.on('data', (d) => (stderr += d));
    expect(await new Promise((r) => run.once('exit', r))).toBe(1);
    expect(stderr).toContain('独立的 worker 进程须配置 DATABASE_URL');
  });

  it('stops on SIGTERM, embedded PostgreSQL included', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect({ code: await exited, output: output.slice(-2000) }).toMatchObject({ code: 0 });
    expect(existsSync(join(clusterDir(), 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(clusterDir(), 'postmaster.pid'))).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(pgPort, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 30_000);
});
