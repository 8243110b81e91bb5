import { rmSync } from 'node:fs';
import IORedis from 'ioredis';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const schema = process.env.DATABASE_SCHEMA;
  if (!schema?.startsWith('t_')) return;
  const pg = new Client({ connectionString: process.env.DATABASE_URL });
  await pg.connect();
  await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pg.query(`DROP SCHEMA IF EXISTS "bullmq_${process.env.QUEUE_PREFIX!.toLowerCase()}" CASCADE`);
  await pg.end();
  const redis = new IORedis(process.env.REDIS_URL!);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
}
