import { DataSource } from 'typeorm';
import type { AppConfig } from '@ff/config';
import { dataSourceOptions } from './data-source-options';

/** Creates the schema if needed and applies pending migrations; safe to run at every start-up. */
export async function runMigrations(config: Pick<AppConfig, 'database'>): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(config), poolSize: 2 });
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${config.database.schema}"`);
    // Two processes starting at once (api + worker) must not both apply a migration.
    return await ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ff_migrations'))`);
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    });
  } finally {
    await ds.destroy();
  }
}

export async function revertLastMigration(config: Pick<AppConfig, 'database'>): Promise<void> {
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
