import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@ff/config';
import { MIGRATIONS } from '../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one place that says how to reach the database. Tables live in `config.database.schema`
 * (tests give every run its own); search_path makes hand-written migration SQL land there too.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'database'>,
): Extract<DataSourceOptions, { type: 'postgres' }> {
  const { url, schema, poolSize } = config.database;
  return {
    type: 'postgres',
    url,
    schema,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // gen_random_uuid() is built in since PostgreSQL 13; an extension created inside a per-run
    // schema would be dropped with it, under another run's feet.
    installExtensions: false,
    poolSize,
    extra: { options: `-c search_path=${schema},public -c timezone=UTC`, application_name: 'future-factory' },
  };
}
