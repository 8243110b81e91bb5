/**
 * Database: how to reach PostgreSQL (real or embedded), snake_case naming, migrations.
 * Contexts own their entities and register them with TypeOrmModule.forFeature.
 */
export * from './snake-naming.strategy';
export * from './data-source-options';
export * from './migrate';
export * from './embedded-postgres';
export * from './database.module';
export * from './query-helpers';
export * from './compare-and-set';
export * from './visibility';
