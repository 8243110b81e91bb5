/**
 * Private servers and processes for the fault script: a Redis and a PostgreSQL of its own on free
 * ports (the machine's shared 5432/6379 are never touched), the built api and worker as child
 * processes, and a small HTTP client. Everything listens on 127.0.0.1 and is removed at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@ff/database';

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

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  text: string;
  ms: number;
}

/** fetch with a JSON body and a bearer token; never throws for an HTTP status (a refused connection is status 0). */
export async function http(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const started = performance.now();
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
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
