import { randomBytes } from 'node:crypto';

/**
 * Each test run gets its own PostgreSQL schema, BullMQ key prefix and data directory, so runs on
 * one machine never collide; global-teardown removes them. Override the servers with
 * TEST_DATABASE_URL / TEST_REDIS_URL.
 */
export function testRunEnv(): Record<string, string> {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    DATABASE_SCHEMA: `t_${run}`,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `t${run}`,
    WORKER_IN_PROCESS: 'true',
    DATA_DIR: `/tmp/ff-test-${run}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'silent',
  };
}
