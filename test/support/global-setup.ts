import { resolveRuntime } from '@ff/runtime';
import { testRunEnv } from './test-env';

export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_SCHEMA?.startsWith('t_')) Object.assign(process.env, testRunEnv());
  // Migrations run once here, from an empty schema; every spec then boots against it.
  const runtime = await resolveRuntime(process.env, { migrate: true });
  await runtime.stop();
}
