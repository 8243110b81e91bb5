import { dropScratchRun } from '@ff/runtime';

export default async function globalTeardown(): Promise<void> {
  if (!process.env.DATABASE_SCHEMA?.startsWith('t_')) return;
  await dropScratchRun(process.env);
}
