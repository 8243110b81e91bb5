import { DataSource } from 'typeorm';
import type { AppConfig } from '@ff/config';
import { dataSourceOptions } from './data-source-options';

/** Creates the schema if needed and applies pending migrations; safe to run at every start-up. */
export async function runMigrations(config: Pick<AppConfig, 'database'>): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(config), poolSize: 2 });
  await ds.initialize();
  // Two processes starting at once (api + worker) must not both create the schema or apply a
  // migration: a session lock on one connection, held while the migrations run on the other.
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('ff_migrations'))`);
    try {
      await lock.query(`CREATE SCHEMA IF NOT EXISTS "${config.database.schema}"`);
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext('ff_migrations'))`);
    }
  } finally {
    await lock.release();
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
