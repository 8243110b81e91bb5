import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import IORedis from 'ioredis';
import { Client } from 'pg';

/**
 * A scratch run — one test run or one benchmark — gets its own PostgreSQL schema, BullMQ key
 * prefix and data directory on the real servers, so runs on one machine never collide, and
 * `dropScratchRun` removes all three afterwards. A test that needs a schema of its own names it
 * `<run schema>_<suffix>` (see `scratchSchema`), so it is removed with the run even if the test
 * never got to clean up.
 */
export function scratchRunEnv(
  kind: 't' | 'b',
  servers: { databaseUrl?: string; redisUrl?: string } = {},
): Record<string, string> {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    DATABASE_URL: servers.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test',
    DATABASE_SCHEMA: `${kind}_${run}`,
    REDIS_URL: servers.redisUrl ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `${kind}${run}`,
    WORKER_IN_PROCESS: 'true',
    DATA_DIR: `/tmp/ff-${kind === 't' ? 'test' : 'bench'}-${run}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
  };
}

export function scratchSchema(runSchema: string, suffix: string): string {
  return `${runSchema}_${suffix}`.toLowerCase();
}

export async function dropScratchRun(env: Record<string, string | undefined>): Promise<void> {
  const { DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, QUEUE_PREFIX, DATA_DIR } = env;
  if (!DATABASE_URL || !DATABASE_SCHEMA || !REDIS_URL || !QUEUE_PREFIX || !DATA_DIR)
    throw new Error('not a scratch run');
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname IN ($1, $2) OR starts_with(nspname, $1 || '_') OR starts_with(nspname, $2 || '_')`,
      [DATABASE_SCHEMA, `bullmq_${QUEUE_PREFIX.toLowerCase()}`],
    );
    for (const { name } of rows) await pg.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await pg.end();
  }
  const redis = new IORedis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}[:_]*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
}
