/**
 * The DataSource the TypeORM CLI reads (`npm run migration:generate -- migrations/<Name>`): the
 * same options as the app, every context's entities. It compares the entities with the database
 * at DATABASE_URL, so point that at a database migrated to the latest version. Migrations stay
 * reviewed, hand-finished SQL; add the new class to `migrations/index.ts`.
 */
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseEnv } from '@ff/config';
import { dataSourceOptions } from '@ff/database';

const env = parseEnv(process.env);
if (!env.DATABASE_URL) throw new Error('migration:generate 需要设置 DATABASE_URL（与该数据库的现有结构对比生成迁移）');

export default new DataSource({
  ...dataSourceOptions({ database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, poolSize: 2 } }),
  entities: [join(__dirname, '..', '..', '..', 'libs', '*', 'src', '**', '*.entity.js')],
});
