/**
 * Private servers and processes for the fault script: a Redis and a PostgreSQL of its own on free
 * ports (the machine's shared 5432/6379 are never touched), the built api and worker as child
 * processes, and a small HTTP client. Everything listens on 127.0.0.1 and is removed at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@ff/database';
import { resolveRuntime } from '@ff/runtime';
import type { ApiCall } from './bench-portal';
import { requestOf } from './bench-util';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `redis-server` with the append-only file, as docker-compose runs it; restartable on the same directory. */
export class PrivateRedis {
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--dir', this.dir, '--save', ''],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await canConnect(this.port)) return;
      await sleep(100);
    }
    throw new Error('private redis did not start');
  }
  /** SIGTERM: Redis flushes its append-only file and exits, as on a container restart. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The embedded PostgreSQL package on a private data directory; stop and start keep the data. */
export class PrivatePostgres {
  private db?: EmbeddedDatabase;
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}
  url = '';
  async start(): Promise<void> {
    this.db = await startEmbeddedPostgres(this.dir, this.port);
    this.url = this.db.url;
  }
  async stop(): Promise<void> {
    await this.db?.stop();
  }
}

/** A built app (`dist/apps/<name>/src/main.js`) as a child process, killable and restartable. */
export class AppProcess {
  child?: ChildProcess;
  output = '';
  constructor(
    private readonly name: 'api' | 'worker',
    private readonly env: NodeJS.ProcessEnv,
  ) {}
  start(): void {
    const main = join(__dirname, '..', 'apps', this.name, 'src', 'main.js');
    this.child = spawn(process.execPath, [main], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => (this.output = (this.output + d).slice(-20_000)));
    this.child.stderr!.on('data', (d) => (this.output = (this.output + d).slice(-20_000)));
  }
  /** kill -9; resolves once the process is gone (what it held in Redis is then held by nobody). */
  kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return Promise.resolve();
    return new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

export function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return {
    ...env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_MAX_FAILURES: '1000',
    WORKER_IN_PROCESS: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/**
 * The system as deployed, on this machine only: a private Redis and PostgreSQL (migrated) under a
 * temporary directory, and the built api and worker as child processes, the api answering /health.
 * The parts stay reachable (`redis`, `pg`, `worker`, …) to be stopped, killed and restarted.
 */
export class PrivateStack {
  readonly tmp: string;
  readonly redis: PrivateRedis;
  readonly pg: PrivatePostgres;
  api?: AppProcess;
  worker?: AppProcess;
  env: NodeJS.ProcessEnv = {};
  base = '';

  private constructor(name: string, redisPort: number, pgPort: number) {
    this.tmp = mkdtempSync(join(tmpdir(), `ff-${name}-`));
    this.redis = new PrivateRedis(redisPort, join(this.tmp, 'redis'));
    this.pg = new PrivatePostgres(pgPort, join(this.tmp, 'pg'));
  }

  /** Its directory and ports; nothing runs until `start`. */
  static async create(name: string): Promise<PrivateStack> {
    return new PrivateStack(name, await freePort(), await freePort());
  }

  /** Redis, PostgreSQL with every migration, the api and the worker; `extra` adds to their environment. */
  async start(extra: Record<string, string>): Promise<{ api: AppProcess; worker: AppProcess }> {
    const port = await freePort();
    await this.redis.start();
    await this.pg.start();
    this.env = appEnv({
      DATABASE_URL: this.pg.url,
      REDIS_URL: this.redis.url,
      DATA_DIR: join(this.tmp, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      ...extra,
    });
    await (await resolveRuntime(this.env, { migrate: true })).stop();
    const api = (this.api = new AppProcess('api', this.env));
    const worker = (this.worker = new AppProcess('worker', this.env));
    api.start();
    worker.start();
    this.base = `http://127.0.0.1:${port}`;
    await until('the api', async () => (await http(this.base, null, 'GET', '/health')).status === 200, 90_000);
    return { api, worker };
  }

  /** Stops whatever runs and removes the directory. */
  async stop(): Promise<void> {
    await this.api?.stop();
    await this.worker?.stop();
    await this.redis.stop();
    await this.pg.stop().catch(() => undefined);
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  text: string;
  ms: number;
}

/** fetch with a JSON body and a bearer token; never throws for an HTTP status (a refused connection is status 0). */
export async function http(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const started = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      ...requestOf(token, body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: kept as text */
    }
    return { status: res.status, body: json, text, ms: performance.now() - started } as Reply;
  } catch (e) {
    return { status: 0, body: {}, text: String(e), ms: performance.now() - started } as Reply;
  }
}

/** `http` below `/api/v1` that must succeed: the answer's body, or an error naming the status. */
export function okCaller(base: string): ApiCall {
  return async (token, method, path, body) => {
    const r = await http(base, token, method, `/api/v1${path}`, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text.slice(0, 300)}`);
    return r.body;
  };
}

/** Waits until `probe` holds, or throws naming `what`. */
export async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};
