import { scratchRunEnv } from '@ff/runtime';

/**
 * Each test run gets its own PostgreSQL schema, BullMQ key prefix and data directory, so runs on
 * one machine never collide; global-teardown removes them. Override the servers with
 * TEST_DATABASE_URL / TEST_REDIS_URL.
 */
export function testRunEnv(): Record<string, string> {
  return {
    ...scratchRunEnv('t', { databaseUrl: process.env.TEST_DATABASE_URL, redisUrl: process.env.TEST_REDIS_URL }),
    NODE_ENV: 'test',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  };
}
