/**
 * The api in this process for the HTTP benchmarks (its worker in-process too), on a PostgreSQL
 * schema and Redis key prefix of its own like the tests, listening on 127.0.0.1; removed after.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { UsersService } from '@ff/identity';
import { dropScratchRun, resolveRuntime, scratchRunEnv } from '@ff/runtime';
import { createApiApp } from '../apps/api/src/bootstrap';
import { accountMaker } from './bench-portal';
import { apiCaller } from './bench-util';

/** The password of every account the benchmarks make. */
export const BENCH_PASSWORD = 'Bench-Passw0rd!';

export interface BenchApi {
  app: NestFastifyApplication;
  call: ReturnType<typeof apiCaller>;
  /** This run's key prefix: unique names are made with it. */
  run: string;
  /** Accounts made directly and signed in, with `BENCH_PASSWORD`. */
  userToken: ReturnType<typeof accountMaker>;
}

/** Runs `fn` against a fresh api, migrated; the schema and the key prefix are dropped afterwards. */
export async function withBenchApi(fn: (api: BenchApi) => Promise<void>): Promise<void> {
  const env: Record<string, string> = {
    ...scratchRunEnv('b', { databaseUrl: process.env.BENCH_DATABASE_URL, redisUrl: process.env.BENCH_REDIS_URL }),
    NODE_ENV: 'production',
  };
  const run = env.QUEUE_PREFIX;
  const runtime = await resolveRuntime(env, { migrate: true });
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApiApp(runtime.config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const call = apiCaller(`${await app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1'));
    await fn({ app, call, run, userToken: accountMaker(app.get(UsersService), call, run, BENCH_PASSWORD) });
  } finally {
    await app?.close();
    await runtime.stop();
    await dropScratchRun(env);
  }
}
