import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { createPostgresBackend, runMigrations as runQueueMigrations, setDefaultBackendFactory } from 'bullmq';
import { AppConfig, ConfigError, Env, parseEnv } from '@ff/config';
import { EmbeddedDatabase, runMigrations, startEmbeddedPostgres } from '@ff/database';
import { assertPortFree } from './ports';

export interface Runtime {
  config: AppConfig;
  /** Stops what resolveRuntime started (the embedded PostgreSQL). */
  stop(): Promise<void>;
}

const logger = new Logger('Runtime');

/** A secret that survives restarts in embedded mode, so sessions stay valid across `npm start`s. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Turns the environment into a runtime configuration, starting the embedded engines when
 * DATABASE_URL / REDIS_URL are absent, and applies migrations (ours and BullMQ's) when asked.
 */
export async function resolveRuntime(
  source: NodeJS.ProcessEnv = process.env,
  options: { migrate: boolean } = { migrate: true },
): Promise<Runtime> {
  const env = parseEnv(source);
  // Every refusal comes before anything is created: no data directory, cluster or staging left behind.
  if (!env.JWT_SECRET && env.NODE_ENV === 'production') {
    throw new ConfigError('生产环境必须配置 JWT_SECRET（至少32个字符）');
  }
  if (!env.DATABASE_URL) await assertPortFree(env.EMBEDDED_PG_PORT, '127.0.0.1', 'EMBEDDED_PG_PORT');
  const dataDir = resolve(env.DATA_DIR);
  let embeddedDb: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embeddedDb = await startEmbeddedPostgres(dataDir, env.EMBEDDED_PG_PORT);
    databaseUrl = embeddedDb.url;
    if (embeddedDb.completed) logger.warn(`内置数据库上次启动未完成，已补全（创建数据库 future_factory）。`);
    logger.warn(
      `未配置 DATABASE_URL：使用内置 PostgreSQL（数据目录 ${embeddedDb.databaseDir}），仅用于试用与开发，生产环境请配置 DATABASE_URL 与 REDIS_URL。`,
    );
  }
  try {
    return await configure(env, dataDir, databaseUrl, embeddedDb, options);
  } catch (e) {
    await embeddedDb?.stop().catch(() => undefined);
    throw e;
  }
}

async function configure(
  env: Env,
  dataDir: string,
  databaseUrl: string,
  embeddedDb: EmbeddedDatabase | undefined,
  options: { migrate: boolean },
): Promise<Runtime> {
  const queueBackend = env.REDIS_URL ? 'redis' : 'postgres';
  const prefix = env.QUEUE_PREFIX;
  const config: AppConfig = {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    embedded: { database: !!embeddedDb, queue: queueBackend === 'postgres' },
    database: { url: databaseUrl, schema: env.DATABASE_SCHEMA, poolSize: env.DATABASE_POOL_SIZE },
    queue: {
      backend: queueBackend,
      redisUrl: env.REDIS_URL,
      postgresUrl: queueBackend === 'postgres' ? databaseUrl : undefined,
      postgresSchema: `bullmq_${prefix.toLowerCase().replace(/-/g, '_')}`,
      prefix,
      // Without Redis there is no separate worker deployment to rely on.
      inProcessWorker: env.WORKER_IN_PROCESS ?? queueBackend === 'postgres',
    },
    dataDir,
    storageDir: join(dataDir, 'storage'),
    auth: {
      jwtSecret: env.JWT_SECRET ?? persistentSecret(dataDir),
      accessTtl: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtl: env.REFRESH_TOKEN_TTL_SECONDS,
      idleTimeout: env.SESSION_IDLE_TIMEOUT_SECONDS,
      maxFailures: env.LOGIN_MAX_FAILURES,
      accountMaxFailures: env.LOGIN_ACCOUNT_MAX_FAILURES,
      lockSeconds: env.LOGIN_LOCK_SECONDS,
      rateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
    },
    http: {
      bodyLimit: env.BODY_LIMIT_BYTES,
      uploadMaxBytes: env.UPLOAD_MAX_BYTES,
      trustProxy: env.TRUST_PROXY ?? false,
      corsOrigins: env.CORS_ORIGINS ?? [],
    },
    evidence: {
      allowMacros: env.UPLOAD_ALLOW_MACROS ?? false,
      maxFiles: env.EVIDENCE_MAX_FILES,
      maxTotalBytes: env.EVIDENCE_MAX_TOTAL_BYTES,
    },
    admin: { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD },
    mail: { smtpUrl: env.SMTP_URL, from: env.SMTP_FROM },
    audit: {
      hashAlgorithm: env.AUDIT_HASH_ALGORITHM,
      sealIntervalMs: env.AUDIT_SEAL_INTERVAL_MS,
      maxSealLagSeconds: env.AUDIT_SEAL_MAX_LAG_SECONDS,
      anchorIntervalSeconds: env.AUDIT_ANCHOR_INTERVAL_SECONDS,
      anchorKeyFile: env.AUDIT_ANCHOR_KEY_FILE ?? join(dataDir, 'audit', 'anchor-key.pem'),
      anchorsFile: env.AUDIT_ANCHORS_FILE ?? join(dataDir, 'audit', 'anchors.jsonl'),
    },
    documents: { issuer: env.DOCUMENT_ISSUER, publicBaseUrl: env.PUBLIC_BASE_URL },
    logLevel: env.LOG_LEVEL,
  };

  // Process-wide in BullMQ: set it either way so a process never keeps a stale choice.
  setDefaultBackendFactory(queueBackend === 'postgres' ? createPostgresBackend : undefined);
  if (queueBackend === 'postgres') {
    logger.warn('未配置 REDIS_URL：任务队列运行在 BullMQ 的 PostgreSQL 后端上，处理器在 API 进程内运行。');
  }
  if (options.migrate) {
    const applied = await runMigrations(config);
    if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
    if (queueBackend === 'postgres') await migrateQueueSchema(config);
  }
  return { config, stop: async () => embeddedDb?.stop() };
}

async function migrateQueueSchema(config: AppConfig): Promise<void> {
  const client = new Client({ connectionString: config.queue.postgresUrl });
  await client.connect();
  try {
    await runQueueMigrations(client, config.queue.postgresSchema);
  } finally {
    await client.end();
  }
}
