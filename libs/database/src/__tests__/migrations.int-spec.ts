import { Client } from 'pg';
import { scratchSchema } from '@ff/runtime';
import { MIGRATIONS } from '../../../../migrations';
import { revertLastMigration, runMigrations } from '../migrate';

/**
 * The migrations on the real PostgreSQL, in a schema of their own: from empty, twice at once (api
 * and worker starting together), all the way down, and up again.
 */
describe('migrations', () => {
  const url = process.env.DATABASE_URL!;
  const schema = scratchSchema(process.env.DATABASE_SCHEMA!, 'migrations');
  const config = { database: { url, schema, poolSize: 2 } };
  const pg = new Client({ connectionString: url });
  const names = MIGRATIONS.map((m) => m.name);

  const tables = async (): Promise<string[]> =>
    (
      await pg.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])
    ).rows.map((r: { table_name: string }) => r.table_name);
  const applied = async (): Promise<string[]> =>
    (await pg.query(`SELECT name FROM "${schema}".schema_migrations ORDER BY id`)).rows.map(
      (r: { name: string }) => r.name,
    );

  beforeAll(async () => {
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
  afterAll(async () => {
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  it('run from an empty schema, and twice at once apply each migration once', async () => {
    const [a, b] = await Promise.all([runMigrations(config), runMigrations(config)]);
    expect([...a, ...b]).toEqual(names);
    expect(await applied()).toEqual(names);
    expect(await tables()).toEqual([
      'application_declarations',
      'application_import_rows',
      'application_imports',
      'application_submissions',
      'applications',
      'audit_chain_head',
      'audit_events',
      'batches',
      'decisions',
      'designation_counters',
      'designation_policies',
      'designations',
      'documents',
      'enterprises',
      'evidence_files',
      'expert_conflicts',
      'experts',
      'login_failures',
      'mountain_island_counties',
      'notifications',
      'objection_attachments',
      'objections',
      'onsite_verifications',
      'publicities',
      'publicity_entries',
      're_review_outcomes',
      'reapplication_bans',
      'recommendation_quotas',
      'recommendations',
      'review_results',
      'review_rounds',
      'review_tasks',
      'schema_migrations',
      'score_sheets',
      'sessions',
      'users',
      'working_calendars',
    ]);
  });

  it('apply nothing when the schema is current', async () => {
    expect(await runMigrations(config)).toEqual([]);
  });

  it('revert one by one down to an empty schema, then apply again from there', async () => {
    for (let left = names.length; left > 0; left--) {
      await revertLastMigration(config);
      expect(await applied()).toEqual(names.slice(0, left - 1));
    }
    expect(await tables()).toEqual(['schema_migrations']);
    expect(await runMigrations(config)).toEqual(names);
    expect(await applied()).toEqual(names);
  });
});
