import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const positiveInt = z.coerce.number().int().positive();

/**
 * Every environment variable the system reads, in one place (the README's configuration table
 * is this schema). Unset DATABASE_URL / REDIS_URL select the embedded default.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: positiveInt.default(3000),
  DATABASE_URL: z.string().url().optional(),
  /** Schema for application tables; tests give each run its own. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  REDIS_URL: z.string().url().optional(),
  /** BullMQ key prefix; tests give each run its own. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('ff'),
  /** Run the queue processors inside the api process (always on in embedded mode). */
  WORKER_IN_PROCESS: bool.optional(),
  DATA_DIR: z.string().default('./var'),
  EMBEDDED_PG_PORT: positiveInt.default(54329),
  JWT_SECRET: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  SESSION_IDLE_TIMEOUT_SECONDS: positiveInt.default(30 * 60),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  LOGIN_LOCK_SECONDS: positiveInt.default(600),
  /** Failures from any address that lock the account itself: far above LOGIN_MAX_FAILURES (one address). */
  LOGIN_ACCOUNT_MAX_FAILURES: positiveInt.default(50),
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt.default(20),
  /**
   * Proxies whose X-Forwarded-For is believed for the client address (rate limit, audit): their
   * addresses or CIDR ranges, comma-separated. Unset: none, the client address is the socket's.
   */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()))
    .refine(
      (list) => list.every((a) => isIP(a.replace(/\/\d{1,3}$/, '')) !== 0),
      '应为以逗号分隔的代理 IP 地址或网段（CIDR）',
    )
    .optional(),
  /** Browser origins allowed to call the API cross-origin, comma-separated. Unset: no CORS headers at all. */
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((o) => /^https?:\/\/[^/?#\s]+$/.test(o)),
      '应为以逗号分隔的来源（如 https://portal.example.gov.cn），不含路径',
    )
    .optional(),
  BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  UPLOAD_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
  /** Macro-enabled Office documents (.docm/.xlsm/.pptm, VBA projects) accepted as evidence. */
  UPLOAD_ALLOW_MACROS: bool.optional(),
  /** Per application: evidence files, and their total bytes. */
  EVIDENCE_MAX_FILES: positiveInt.default(50),
  EVIDENCE_MAX_TOTAL_BYTES: positiveInt.default(200 * 1024 * 1024),
  ADMIN_USERNAME: z.string().min(3).optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** smtp:// or smtps:// URL of the mail relay; unset = notifications stay in the in-app inbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, '应为 smtp:// 或 smtps:// 开头的地址')
    .optional(),
  SMTP_FROM: z.string().min(3).default('未来工厂评审系统 <no-reply@localhost>'),
  /** Hash of the audit chain for events sealed from now on: sha256, or sm3 (GB/T 32905) for 商用密码 deployments. */
  AUDIT_HASH_ALGORITHM: z.enum(['sha256', 'sm3']).default('sha256'),
  /** How often the sealer looks for new audit events (worker, or the api in embedded mode). */
  AUDIT_SEAL_INTERVAL_MS: positiveInt.default(200),
  /** Unsealed events older than this are reported by health and `audit:verify` as a problem. */
  AUDIT_SEAL_MAX_LAG_SECONDS: positiveInt.default(60),
  /** A signed checkpoint of the chain head at most this often (when the head has moved). */
  AUDIT_ANCHOR_INTERVAL_SECONDS: positiveInt.default(300),
  /** Ed25519 private key (PKCS#8 PEM) that signs checkpoints; created on first use. Default: DATA_DIR/audit/anchor-key.pem. */
  AUDIT_ANCHOR_KEY_FILE: z.string().optional(),
  /** Where checkpoints are appended, one JSON line each. Default: DATA_DIR/audit/anchors.jsonl. */
  AUDIT_ANCHORS_FILE: z.string().optional(),
  /** The issuing body printed on certificates and assessment reports. */
  DOCUMENT_ISSUER: z.string().trim().min(2).max(60).default('浙江省经济和信息化厅'),
  /** Public base URL of the certificate verification page; the QR code points below it. */
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s?#]+$/, '应为 http:// 或 https:// 开头的地址，不含查询参数')
    .transform((v) => v.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
});
export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** True when DATABASE_URL / REDIS_URL were not given and embedded engines stand in. */
  embedded: { database: boolean; queue: boolean };
  database: { url: string; schema: string; poolSize: number };
  queue: {
    backend: 'redis' | 'postgres';
    redisUrl?: string;
    postgresUrl?: string;
    /** Schema of BullMQ's PostgreSQL backend tables (postgres backend only). */
    postgresSchema: string;
    prefix: string;
    inProcessWorker: boolean;
  };
  dataDir: string;
  storageDir: string;
  auth: {
    jwtSecret: string;
    accessTtl: number;
    refreshTtl: number;
    idleTimeout: number;
    /** Failed sign-ins from one client address that lock the (account, address) pair. */
    maxFailures: number;
    /** Consecutive failed sign-ins from all addresses that lock the account itself. */
    accountMaxFailures: number;
    lockSeconds: number;
    rateLimitPerMinute: number;
  };
  /** `trustProxy`: Fastify's option; false unless TRUST_PROXY names the proxies in front. */
  http: { bodyLimit: number; uploadMaxBytes: number; trustProxy: false | string[]; corsOrigins: string[] };
  evidence: { allowMacros: boolean; maxFiles: number; maxTotalBytes: number };
  admin: { username?: string; password?: string };
  /** Outgoing mail of notifications; no `smtpUrl` = in-app inbox only. */
  mail: { smtpUrl?: string; from: string };
  /** The audit chain's sealer and its signed checkpoints (anchors), kept outside the database. */
  audit: {
    hashAlgorithm: 'sha256' | 'sm3';
    sealIntervalMs: number;
    maxSealLagSeconds: number;
    anchorIntervalSeconds: number;
    anchorKeyFile: string;
    anchorsFile: string;
  };
  /** Certificates and reports: the issuing body, and the public base URL their QR codes point to. */
  documents: { issuer: string; publicBaseUrl: string };
  logLevel: Env['LOG_LEVEL'];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // An empty variable means "not set" (docker-compose and shells produce them freely).
  const given = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量配置有误：\n${lines.join('\n')}`);
  }
  return result.data;
}
